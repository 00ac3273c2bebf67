/** The administrator the suite creates with the CLI before the server starts, as an operator would. */
export const ADMIN = { email: 'admin@e2e.casearena.cn', password: 'Admin12345' };
/** Demo accounts (README): the applicant of 许昌市中心医院 and the platform reviewer who screens every call. */
export const APPLICANT = { email: 'applicant@demo.casearena.cn', password: 'Demo12345' };
export const STAFF = { email: 'staff@demo.casearena.cn', password: 'Demo12345' };
