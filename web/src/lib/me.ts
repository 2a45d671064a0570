export const ME_FIELDS =
  'id username displayName role regionId departmentId region { id name code level town { name } } department { id name code }';
