module.exports = { displayName: 'testing', ...require('../../jest.preset.cjs')(__dirname) };
