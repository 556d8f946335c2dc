import type { CodecName } from '../../utils/codecs';

/** The service generator's options, as schema.json describes them. */
export interface ServiceGeneratorSchema {
  /** kebab-case; also the project's name. */
  name: string;
  /** Default: lines. */
  codec?: CodecName;
  /** Default: derived from the name, in 7100–7999. */
  port?: number;
  /** Default: apps/<name>. */
  directory?: string;
}
