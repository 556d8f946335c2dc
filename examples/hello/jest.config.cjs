module.exports = { displayName: 'example-hello', ...require('../../jest.preset.cjs')(__dirname) };
