/** The one analyser (domain/text-analysis.ts), as the index and the queries use it. */
export { analyze, analyzeQuery, normalize } from '../../domain/text-analysis';
