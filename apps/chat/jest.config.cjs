module.exports = { displayName: 'chat', ...require('../../jest.preset.cjs')(__dirname) };
