// The bundle's view of "@prismatic-io/spectral". Its root index also loads the test harness
// (jest-mock), conditional logic (all of date-fns) and code-native integration tooling, none of
// which a component runs. This module exposes the same runtime pieces, loaded by path; the
// definition helpers are spectral's own one-liners. test/bundle.test.ts checks the bundle's
// component equals the one built from source.
const { convertComponent } = require("@prismatic-io/spectral/dist/serverTypes/convertComponent");
const types = require("@prismatic-io/spectral/dist/types");
const { templateConnectionInputs } = require("@prismatic-io/spectral/dist/types/ConnectionDefinition");
// spectral's util (already in the bundle through its http client; its branch-condition helpers are left out).
const util = require("@prismatic-io/spectral/dist/util").default;

const same = (definition) => definition;
module.exports = {
  ...types,
  templateConnectionInputs,
  util,
  component: (definition) => convertComponent(definition),
  action: same,
  trigger: same,
  dataSource: same,
  input: same,
  connection: same,
  oauth2Connection: same,
  pollingTrigger: (definition) => ({ ...definition, triggerType: "polling" }),
};
