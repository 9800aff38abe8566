// class-transformer ships the typings of its metadata storage under types/, not next to the cjs build.
declare module 'class-transformer/cjs/storage' {
  export { defaultMetadataStorage } from 'class-transformer/types/storage';
}
