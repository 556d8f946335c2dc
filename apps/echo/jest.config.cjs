module.exports = { displayName: 'echo', ...require('../../jest.preset.cjs')(__dirname) };
