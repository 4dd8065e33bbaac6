/** Puts parameters into a UI catalog string: "step {step}" + {step: 3} → "step 3". A missing one stays visible. */
export function fill(template: string, params: Readonly<Record<string, string | number>>): string {
  return template.replace(/\{([a-zA-Z]+)\}/g, (whole, name: string) => (Object.hasOwn(params, name) ? String(params[name]) : whole));
}
