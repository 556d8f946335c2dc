import * as path from 'node:path';
import {
  formatFiles,
  generateFiles,
  getProjects,
  joinPathFragments,
  logger,
  names,
  OverwriteStrategy,
  type GeneratorCallback,
  type Tree,
} from '@nx/devkit';
import { codecProfile, isCodecName, CODEC_NAMES, type CodecProfile } from '../../utils/codecs';
import { codecsCalled, countPluginLists, handledRoutes, registerPlugin } from '../../utils/service-source';
import { plannedFiles, refuseToOverwrite, sourceFiles } from '../../utils/tree-files';
import { checkKebabCase, GeneratorInputError, parseRoutes } from '../../utils/validation';
import type { PluginGeneratorSchema } from './schema';

interface Route {
  /** What `@Handle()` gets. */
  readonly key: string;
  /** The handler method's name. */
  readonly method: string;
}

/** Everything the generator writes, worked out (and checked) before it writes anything. */
export interface PluginPlan {
  readonly project: string;
  readonly className: string;
  readonly pluginName: string;
  readonly fileName: string;
  readonly folder: string;
  readonly codec: CodecProfile;
  readonly routes: readonly Route[];
  readonly serviceFile: string;
  readonly serviceText: string;
}

const TEMPLATES = path.join(__dirname, 'files');

/** `nx g @weir/nx-plugin:plugin hello --project=greeter --routes=HELLO` */
export async function pluginGenerator(tree: Tree, schema: PluginGeneratorSchema): Promise<GeneratorCallback> {
  const plan = addPlugin(tree, schema);
  await formatFiles(tree);
  return () => {
    const routes = plan.routes.map((route) => route.key).join(', ');
    logger.info(`${plan.className} handles ${routes} in ${plan.project}. Next: npx nx test ${plan.project}`);
  };
}

/** Writes the plugin and its spec and registers it; the service generator uses this for its example plugin. */
export function addPlugin(tree: Tree, schema: PluginGeneratorSchema): PluginPlan {
  const plan = planPlugin(tree, schema);
  generateFiles(tree, path.join(TEMPLATES, plan.codec.name), plan.folder, substitutions(plan), {
    overwriteStrategy: OverwriteStrategy.ThrowIfExisting,
  });
  tree.write(plan.serviceFile, plan.serviceText);
  return plan;
}

function substitutions(plan: PluginPlan) {
  return { fileName: plan.fileName, className: plan.className, pluginName: plan.pluginName, routes: plan.routes, tmpl: '' };
}

/** Checks every input against the workspace and works out the edit; throws before anything is written. */
export function planPlugin(tree: Tree, schema: PluginGeneratorSchema): PluginPlan {
  const pluginName = checkKebabCase('plugin', schema.name).replace(/-plugin$/, '');
  const project = getProjects(tree).get(schema.project);
  if (!project) {
    const known = [...getProjects(tree).entries()].filter(([, p]) => p.projectType === 'application').map(([name]) => name);
    throw new GeneratorInputError(
      `--project: there is no project '${schema.project}' in this workspace` +
        (known.length > 0 ? `; the applications are: ${known.sort().join(', ')}` : ''),
    );
  }
  const folder = project.sourceRoot ?? joinPathFragments(project.root, 'src');
  const sources = sourceFiles(tree, folder);
  const serviceFile = findServiceFile(tree, schema.project, folder, sources);
  const codec = codecProfile(findCodec(tree, schema, serviceFile));
  const routes = planRoutes(tree, schema, pluginName, codec, sources);

  const { fileName, className: baseName } = names(pluginName);
  const className = `${baseName}Plugin`;
  const plan = { project: schema.project, className, pluginName, fileName, folder, codec, routes, serviceFile, serviceText: '' };
  refuseToOverwrite(
    tree,
    plannedFiles(path.join(TEMPLATES, codec.name), folder, substitutions(plan)),
    'a plugin with this name exists; pick another --name or remove those files',
  );
  const importPath = relativeImport(serviceFile, joinPathFragments(folder, `${fileName}.plugin`));
  const serviceText = registerPlugin(serviceFile, tree.read(serviceFile, 'utf-8') ?? '', className, importPath);
  return { ...plan, serviceText };
}

/** The one source file with a `plugins: [...]` array; `<project>.service.ts` wins if several have one. */
function findServiceFile(tree: Tree, project: string, folder: string, sources: readonly string[]): string {
  const candidates = sources.filter((file) => countPluginLists(file, tree.read(file, 'utf-8') ?? '') > 0);
  if (candidates.length === 1) return candidates[0];
  const preferred = candidates.find((file) => file.endsWith(`/${project}.service.ts`));
  if (preferred) return preferred;
  throw new GeneratorInputError(
    candidates.length === 0
      ? `--project: ${project} has no 'plugins: [...]' array under ${folder}, so it does not look like a Weir service; add the plugin to it by hand`
      : `--project: ${project} has 'plugins: [...]' arrays in ${candidates.join(', ')}; cannot tell which is the service's (name it ${project}.service.ts)`,
  );
}

function findCodec(tree: Tree, schema: PluginGeneratorSchema, serviceFile: string): CodecProfile['name'] {
  if (schema.codec !== undefined) {
    if (!isCodecName(schema.codec)) {
      throw new GeneratorInputError(`--codec: '${String(schema.codec)}' is not one of ${CODEC_NAMES.join(', ')}`);
    }
    return schema.codec;
  }
  const found = codecsCalled(serviceFile, tree.read(serviceFile, 'utf-8') ?? '');
  if (found.length !== 1) {
    throw new GeneratorInputError(
      `cannot tell which codec ${serviceFile} uses (${found.length === 0 ? 'it calls none of ours' : `it calls ${found.join(' and ')}`}); pass --codec=${CODEC_NAMES.join('|')}`,
    );
  }
  return found[0];
}

function planRoutes(
  tree: Tree,
  schema: PluginGeneratorSchema,
  pluginName: string,
  codec: CodecProfile,
  sources: readonly string[],
): Route[] {
  const keys = parseRoutes(schema.routes ?? codec.defaultRoute(pluginName)).map((route) => codec.routeKey(route));
  const duplicate = keys.find((key, index) => keys.indexOf(key) !== index);
  if (duplicate !== undefined) throw new GeneratorInputError(`--routes: '${duplicate}' is listed twice (${codec.name} route keys are upper-cased)`);
  if (codec.onlyRoute !== undefined && keys.some((key) => key !== codec.onlyRoute)) {
    throw new GeneratorInputError(
      `--routes: a ${codec.name} service has no message boundaries, so every chunk goes to route '${codec.onlyRoute}'; use --routes=${codec.onlyRoute}`,
    );
  }
  // Two plugins claiming one route key stop the server at start; say so now instead.
  for (const file of sources) {
    for (const handled of handledRoutes(file, tree.read(file, 'utf-8') ?? '')) {
      if (keys.includes(handled.route)) {
        throw new GeneratorInputError(`--routes: '${handled.route}' is already handled by ${handled.className} in ${file}`);
      }
    }
  }
  const taken = new Set<string>();
  return keys.map((key) => {
    const method = methodName(key, taken);
    taken.add(method);
    return { key, method };
  });
}

// Names a handler must not take: the constructor, and the lifecycle hooks the host calls.
const RESERVED = new Set(['constructor', 'onServerStart', 'onServerStop', 'onConnect', 'onDisconnect']);

/** `HELLO` → hello, `CLIENT_LIST` → clientList, `user.create` → userCreate; unique within the class. */
export function methodName(route: string, taken: ReadonlySet<string>): string {
  const words = route.split(/[^A-Za-z0-9]+/).filter((word) => word !== '').map((word) => word.toLowerCase());
  let name = words.map((word, i) => (i === 0 ? word : word[0].toUpperCase() + word.slice(1))).join('');
  if (/^[0-9]/.test(name) || RESERVED.has(name)) name = `handle${name[0].toUpperCase()}${name.slice(1)}`;
  let unique = name;
  for (let n = 2; taken.has(unique); n++) unique = `${name}${n}`;
  return unique;
}

function relativeImport(fromFile: string, toModule: string): string {
  const relative = path.posix.relative(path.posix.dirname(fromFile), toModule);
  return relative.startsWith('.') ? relative : `./${relative}`;
}

export default pluginGenerator;
