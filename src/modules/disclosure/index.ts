export { disclosureRoutes } from './routes.ts';
