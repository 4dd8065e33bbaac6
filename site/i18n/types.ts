/** An area of the UI catalog in another language: exactly the English keys, any wording. */
export type UiArea<T> = { readonly [K in keyof T]: string };
