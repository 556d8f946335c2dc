// @weir/nx-plugin: the workspace's generators. Nx loads them through loader.cjs.
export { serviceGenerator } from './generators/service/generator';
export type { ServiceGeneratorSchema } from './generators/service/schema';
export { pluginGenerator } from './generators/plugin/generator';
export type { PluginGeneratorSchema } from './generators/plugin/schema';
export { CODEC_NAMES, type CodecName } from './utils/codecs';
