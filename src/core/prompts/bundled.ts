import files from 'omni:prompts';
import { loadPromptLibrary, type PromptLibrary } from './library';

let library: PromptLibrary | undefined;

/** The prompts shipped in the bundle. The build validated them, so a release never fails here. */
export function bundledPrompts(): PromptLibrary {
  library ??= loadPromptLibrary(files);
  return library;
}
