/** `highs/runtime` is the package's `highs.wasm`; webpack turns the import into its asset URL. */
declare module "highs/runtime" {
  const url: string;
  export default url;
}
