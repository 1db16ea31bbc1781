export { registerTextCommands } from '../text/text.cli.ts';
