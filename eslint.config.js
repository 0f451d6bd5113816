// ESLint for static/js (flat config). `make lint` runs it; vendored libraries are not ours to lint.
import js from "@eslint/js";
import globals from "globals";

export default [
  { ignores: [".venv/**", "static/vendor/**", "node_modules/**", "bench/out/**", "test-artifacts/**"] },
  js.configs.recommended,
  {
    files: ["static/js/**/*.js", "static/js/**/*.mjs"],
    languageOptions: {
      ecmaVersion: 2022,
      sourceType: "module",
      globals: { ...globals.browser, vis: "readonly", bootstrap: "readonly", TomSelect: "readonly" },
    },
    rules: {
      "no-unused-vars": ["error", { argsIgnorePattern: "^_", caughtErrors: "none" }],
      eqeqeq: ["error", "always"],
      "no-var": "error",
      "prefer-const": "error",
    },
  },
  {
    files: ["**/*.test.js", "**/*.test.mjs", "tests/js/**/*.js", "tests/js/**/*.mjs", "eslint.config.js"],
    languageOptions: { ecmaVersion: 2022, sourceType: "module", globals: { ...globals.node } },
  },
];
