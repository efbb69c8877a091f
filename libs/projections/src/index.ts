export * from './read-models.port';
export * from './large-credit.port';
export { BookProjection } from './projection/book.projection';
export type { BookProjectionOptions } from './projection/book.projection';
export { READ_MODEL_FILE } from './projection/read-model.db';
export { CSV_COLUMNS, csvHeader, largeCreditCsv } from './reports/large-credit.csv';
export { largeCreditWorkbook } from './reports/large-credit.xlsx';
export { previousQuarterEnd } from './as-of/quarter';
export { fileLargeCreditReportCommand } from './reports/large-credit.filing';
