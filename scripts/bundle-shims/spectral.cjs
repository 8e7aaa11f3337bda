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

/**
 * spectral's convertComponent, one step at a time: each action, trigger and data source is converted
 * when first read, by spectral's own code, so a cold `require` converts none of them and a run
 * converts the step it calls. The keys are there from the start (enumerable, in order), so listing,
 * spreading or serializing the component converts and shows every step as before.
 */
const KINDS = ["actions", "triggers", "dataSources"];
const convertLazily = (definition) => {
  const converted = convertComponent({ ...definition, actions: {}, triggers: {}, dataSources: {} });
  for (const kind of KINDS) {
    const steps = {};
    for (const [key, step] of Object.entries(definition[kind] ?? {})) {
      const settle = (value) => Object.defineProperty(steps, key, { value, enumerable: true, configurable: true, writable: true })[key];
      Object.defineProperty(steps, key, {
        enumerable: true,
        configurable: true,
        get: () => settle(convertComponent({ hooks: definition.hooks, [kind]: { [key]: step } })[kind][key]),
        set: settle,
      });
    }
    converted[kind] = steps;
  }
  return converted;
};
module.exports = {
  ...types,
  templateConnectionInputs,
  util,
  component: convertLazily,
  action: same,
  trigger: same,
  dataSource: same,
  input: same,
  connection: same,
  oauth2Connection: same,
  pollingTrigger: (definition) => ({ ...definition, triggerType: "polling" }),
};
