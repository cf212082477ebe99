// html-validate's configuration for the built site (tests/test_html_valid.py runs it on every page).
// The site's own markup passes every rule of the "standard" and "document" presets. The rules
// turned off below fire only on Material's own markup, which the site keeps (README.md, "Valid HTML").
module.exports = {
  extends: ["html-validate:standard", "html-validate:document"],
  rules: {
    // Subresource Integrity guards files from another host (a CDN); every file here is the
    // site's own, served from the same place as the page, so a hash adds nothing.
    "require-sri": "off",
    // Material writes autocomplete="off" on its hidden drawer and search checkboxes so Firefox
    // does not reopen the drawer on reload; not allowed on checkboxes by the spec, harmless.
    "valid-autocomplete": "off",
    // Material's hidden toggles (#__drawer, #__search) have no text label; they are not the
    // reader's controls (the menu is the site's own labelled button). The site's own form fields
    // are still checked for labels, by axe-core's "label" rule in tests/test_pages_in_browser.py.
    "input-missing-label": "off",
  },
};
