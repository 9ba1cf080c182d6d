declare module 'virtual:nanolift-notebook-index' {
  const index: import('./shipped.ts').ShippedNotebookMeta[];
  export default index;
}
