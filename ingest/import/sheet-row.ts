/** One row of a spreadsheet or CSV file as the import reads it. */
export interface SheetRow {
  /** 1-based, as a spreadsheet program numbers it (the header row included). */
  row: number;
  /** Cell values: text from CSV; text, numbers, booleans and Dates from XLSX. */
  cells: unknown[];
}
