// Stand-in for spectral's convertIntegrationConfiguration: it converts code-native integration
// configuration, which a component never has. Failing loudly beats silently returning nothing.
module.exports = {
  convertIntegrationConfiguration: () => {
    throw new Error("convertIntegrationConfiguration is not part of the zoho component bundle");
  },
};
