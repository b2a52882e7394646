import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import react from '@vitejs/plugin-react';
import { Kind, parse, print, stripIgnoredCharacters, visit, type DefinitionNode, type FragmentDefinitionNode } from 'graphql';
import { defineConfig, type Plugin } from 'vite';

// `pnpm dev` runs the API and this dev server (hot reload), which proxies /graphql, HTTP and
// WebSocket, to the API (PHARMADESK_API_URL, default http://localhost:4000 as `pnpm start`).
const api = process.env.PHARMADESK_API_URL ?? 'http://localhost:4000';

const PURE_PACKAGES =
  /node_modules\/(react-markdown|remark-[^/]+|micromark[^/]*|mdast-[^/]+|unist-[^/]+|hast-[^/]+|unified|vfile[^/]*|property-information|space-separated-tokens|comma-separated-tokens|style-to-object|inline-style-parser|markdown-table|parse-entities|character-entities[^/]*|character-reference-invalid|is-alphanumerical|is-alphabetical|is-decimal|is-hexadecimal|bail|trough|extend|is-plain-obj|ccount|longest-streak|repeat-string|zwitch|xtend|papaparse)\//;

/** Writes `.br` and `.gz` beside each text asset so the server sends them as they are (no compression per request). */
function precompress(): Plugin {
  return {
    name: 'pharmadesk-precompress',
    apply: 'build',
    writeBundle(options, bundle) {
      for (const fileName of Object.keys(bundle)) {
        if (!/\.(js|css|html|svg|json)$/.test(fileName)) continue;
        const file = path.join(options.dir!, fileName);
        const data = fs.readFileSync(file);
        if (data.length < 1024) continue;
        fs.writeFileSync(`${file}.gz`, zlib.gzipSync(data, { level: 9 }));
        fs.writeFileSync(`${file}.br`, zlib.brotliCompressSync(data, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: data.length } }));
      }
    },
  };
}

/**
 * `virtual:pharmadesk-operations`: every named operation in schema/operations as the text the panel
 * sends (the operation with the fragments it uses, whitespace stripped) and its kind, resolved at
 * build time so the browser needs no GraphQL parser of its own.
 */
function operations(): Plugin {
  const id = 'virtual:pharmadesk-operations';
  const dir = path.resolve(__dirname, '../schema/operations');
  return {
    name: 'pharmadesk-operations',
    resolveId: (source) => (source === id ? `\0${id}` : undefined),
    load(resolved) {
      if (resolved !== `\0${id}`) return undefined;
      const files = fs.readdirSync(dir).filter((f) => f.endsWith('.graphql')).map((f) => path.join(dir, f));
      const definitions = files.flatMap((file) => {
        this.addWatchFile(file);
        return parse(fs.readFileSync(file, 'utf8')).definitions;
      });
      const fragments = new Map(definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((d) => [d.name.value, d]));
      const used = (node: DefinitionNode, into: Set<DefinitionNode>): Set<DefinitionNode> => {
        visit(node, {
          FragmentSpread(spread) {
            const fragment = fragments.get(spread.name.value);
            if (!fragment) throw new Error(`Fragment ${spread.name.value} is not defined in schema/operations`);
            if (!into.has(fragment)) used(fragment, into.add(fragment));
          },
        });
        return into;
      };
      const table: Record<string, { text: string; kind: string }> = {};
      for (const definition of definitions) {
        if (definition.kind !== Kind.OPERATION_DEFINITION || !definition.name) continue;
        const document = { kind: Kind.DOCUMENT, definitions: [definition, ...used(definition, new Set())] } as const;
        table[definition.name.value] = { text: stripIgnoredCharacters(print(document)), kind: definition.operation };
      }
      return `export default ${JSON.stringify(table)};`;
    },
  };
}

export default defineConfig({
  plugins: [react(), operations(), precompress()],
  build: {
    outDir: 'dist',
    chunkSizeWarningLimit: 1024,
    // Packages that do nothing when imported, only when called: a module of theirs no page uses is
    // left out (@refinedev/antd's single file imports the Markdown renderer for MarkdownField, which
    // the panel does not use; without this the whole Markdown stack shipped with the sign-in page).
    rollupOptions: { treeshake: { moduleSideEffects: (id) => !PURE_PACKAGES.test(id) } },
  },
  server: {
    port: 5173,
    proxy: { '/graphql': { target: api, ws: true, changeOrigin: true } },
  },
});
