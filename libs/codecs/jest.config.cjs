module.exports = { displayName: 'codecs', ...require('../../jest.preset.cjs')(__dirname) };
