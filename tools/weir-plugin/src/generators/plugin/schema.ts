import type { CodecName } from '../../utils/codecs';

/** The plugin generator's options, as schema.json describes them. */
export interface PluginGeneratorSchema {
  /** kebab-case; `hello` gives HelloPlugin in hello.plugin.ts. */
  name: string;
  /** The service project to add the plugin to. */
  project: string;
  /** Comma-separated route keys, or a list of them. */
  routes?: string | readonly string[];
  /** Read from the service's source when absent. */
  codec?: CodecName;
}
