module.exports = { displayName: 'core', ...require('../../jest.preset.cjs')(__dirname) };
