export * from './references-many-decorator';
export * from './references-many-metadata';
export * from './references-many-accessor';
export {buildReferencesManyInclusionResolver} from './references-many-inclusion-resolver';
