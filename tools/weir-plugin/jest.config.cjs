module.exports = { displayName: 'weir-plugin', ...require('../../jest.preset.cjs')(__dirname) };
