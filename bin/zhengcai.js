#!/usr/bin/env node
// The package's command. TypeScript sources run through tsx, so `npx zhengcai` needs no build step.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/main.ts');
