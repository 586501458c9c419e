/** Moved to ../options/parsers.ts (the CLI's one option table lives in ../options/); kept until every importer has moved. */
export { choice, float, int, intList } from '../options/parsers';
