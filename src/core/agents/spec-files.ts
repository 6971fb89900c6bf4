import { parseReviewRecord, type ReviewRecord } from '../review/review-record';
import { parseSpec, type SpecFile } from '../specs/spec-file';
import { parseThreatsFile, type ThreatsFile } from '../threats/threats-file';
import { SpecNotFoundError, type SpecFolder } from './spec-workspace';

/** The files of a spec folder, each validated; a bad one throws an error naming it (and its line, for spec.md). */
export interface SpecFiles {
  readonly spec: SpecFile;
  readonly review: ReviewRecord | undefined;
  readonly threats: ThreatsFile | undefined;
}

/** spec.md parsed; throws SpecNotFoundError when there is none, SpecParseError (file and line) when it does not parse. */
export async function readSpecFile(folder: SpecFolder): Promise<SpecFile> {
  const text = await folder.readSpec();
  if (text === undefined) throw new SpecNotFoundError(folder.slug, `no spec.md at ${folder.specPath}`);
  return parseSpec(text, folder.specPath);
}

export async function readReview(folder: SpecFolder): Promise<ReviewRecord | undefined> {
  const value = await folder.readJson('review.json');
  return value === undefined ? undefined : parseReviewRecord(value, siblingPath(folder, 'review.json'));
}

export async function readThreats(folder: SpecFolder): Promise<ThreatsFile | undefined> {
  const value = await folder.readJson('threats.json');
  return value === undefined ? undefined : parseThreatsFile(value, siblingPath(folder, 'threats.json'));
}

export async function readSpecFiles(folder: SpecFolder): Promise<SpecFiles> {
  const [spec, review, threats] = await Promise.all([readSpecFile(folder), readReview(folder), readThreats(folder)]);
  return { spec, review, threats };
}

/** A file next to spec.md, for messages: the same separator as the spec's own path. */
export function siblingPath(folder: SpecFolder, name: string): string {
  return folder.specPath.replace(/spec\.md$/, name);
}
