import type { Router } from 'express';
import type { AppRuntime } from '../context';

/** A module's plain HTTP routes (see ModuleDefinition.httpRoutes): mounted once on the app's express router. */
export type HttpRoutes = (router: Router, runtime: AppRuntime) => void;
