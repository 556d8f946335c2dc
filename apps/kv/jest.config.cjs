module.exports = { displayName: 'kv', ...require('../../jest.preset.cjs')(__dirname) };
