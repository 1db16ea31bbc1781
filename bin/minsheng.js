#!/usr/bin/env node
// The `minsheng` command. The server is TypeScript run through tsx's loader: no build step to forget.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli/main.ts');
await main(process.argv.slice(2));
