declare module 'virtual:nanolift-report-engine' {
  /** The interactive report engine: one self-contained classic script. */
  const script: string;
  export default script;
}
