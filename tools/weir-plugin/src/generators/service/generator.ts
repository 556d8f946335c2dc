import * as path from 'node:path';
import {
  addProjectConfiguration,
  formatFiles,
  generateFiles,
  getProjects,
  joinPathFragments,
  logger,
  names,
  offsetFromRoot,
  OverwriteStrategy,
  type GeneratorCallback,
  type ProjectConfiguration,
  type Tree,
} from '@nx/devkit';
import { codecProfile, CODEC_NAMES, isCodecName, type CodecProfile } from '../../utils/codecs';
import { plannedFiles, refuseToOverwrite } from '../../utils/tree-files';
import { checkDirectory, checkKebabCase, checkPort, GeneratorInputError, portForName } from '../../utils/validation';
import { addPlugin } from '../plugin/generator';
import type { ServiceGeneratorSchema } from './schema';

interface ServicePlan {
  readonly name: string;
  readonly directory: string;
  readonly port: number;
  readonly codec: CodecProfile;
}

const TEMPLATES = path.join(__dirname, 'files');

/** `nx g @weir/nx-plugin:service greeter --codec=lines` */
export async function serviceGenerator(tree: Tree, schema: ServiceGeneratorSchema): Promise<GeneratorCallback> {
  const plan = planService(tree, schema);
  const { name, directory, codec, port } = plan;
  const substitutions = templateValues(plan);
  for (const folder of ['common', codec.name]) {
    generateFiles(tree, path.join(TEMPLATES, folder), directory, substitutions, {
      overwriteStrategy: OverwriteStrategy.ThrowIfExisting,
    });
  }
  addProjectConfiguration(tree, name, projectConfiguration(plan));
  // The example plugin goes through the plugin generator, so it is registered the way any later plugin is.
  addPlugin(tree, { name, project: name, routes: codec.exampleRoute, codec: codec.name });
  await formatFiles(tree);
  return () => {
    logger.info(`${name} listens on 127.0.0.1:${port} by default. Next: npx nx serve ${name}, then ${codec.tryIt(port)}.`);
  };
}

/** Checks every option against the workspace; throws before anything is written. */
function planService(tree: Tree, schema: ServiceGeneratorSchema): ServicePlan {
  const name = checkKebabCase('service', schema.name);
  const codecName = schema.codec ?? 'lines';
  if (!isCodecName(codecName)) {
    throw new GeneratorInputError(`--codec: '${String(codecName)}' is not one of ${CODEC_NAMES.join(', ')}`);
  }
  const port = schema.port === undefined ? portForName(name) : checkPort(schema.port);
  const directory = checkDirectory(schema.directory ?? `apps/${name}`);
  const existing = getProjects(tree).get(name);
  if (existing) {
    throw new GeneratorInputError(`--name: a project named '${name}' already exists (in ${existing.root}); pick another name`);
  }
  if (tree.exists(directory) && tree.children(directory).length > 0) {
    throw new GeneratorInputError(`refusing to overwrite ${directory}: it already has files; pick another --directory or --name`);
  }
  const plan = { name, directory, port, codec: codecProfile(codecName) };
  for (const folder of ['common', codecName]) {
    refuseToOverwrite(tree, plannedFiles(path.join(TEMPLATES, folder), directory, templateValues(plan)), 'pick another --directory');
  }
  return plan;
}

function templateValues(plan: ServicePlan) {
  return {
    ...names(plan.name),
    name: plan.name,
    port: plan.port,
    summary: plan.codec.summary,
    exampleRoute: plan.codec.exampleRoute,
    offsetFromRoot: offsetFromRoot(plan.directory),
    tmpl: '',
  };
}

/** Like apps/echo: build with tools/scripts/build-app.mjs, serve the build; test, lint and typecheck come from nx.json. */
function projectConfiguration({ directory }: ServicePlan): ProjectConfiguration {
  const dist = joinPathFragments('dist', directory);
  return {
    root: directory,
    sourceRoot: joinPathFragments(directory, 'src'),
    projectType: 'application',
    tags: ['layer:app'],
    targets: {
      build: {
        executor: 'nx:run-commands',
        outputs: [`{workspaceRoot}/${dist}`],
        options: { command: `node tools/scripts/build-app.mjs ${directory}` },
      },
      serve: {
        executor: 'nx:run-commands',
        dependsOn: ['build'],
        continuous: true,
        options: { command: `node ${dist}/main.js` },
      },
      test: {},
      lint: {},
      typecheck: {},
    },
  };
}

export default serviceGenerator;
