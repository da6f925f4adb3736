/** Password length limits, shared by the API's validation and the forms (no native code here, unlike auth/passwords.ts). */
export const PASSWORD_MIN = 10;
export const PASSWORD_MAX = 256;
