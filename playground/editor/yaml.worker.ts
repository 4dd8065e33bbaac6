/** The YAML language worker (schema validation, hover, completion), bundled by Vite as a module worker. */
import 'monaco-yaml/yaml.worker.js';
