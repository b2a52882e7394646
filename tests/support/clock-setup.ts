import { clock } from '@pharmadesk/api';
import { TEST_NOW } from './test-env';

// Runs before each test file: the product's clock at PHARMADESK_TEST_NOW when set, else the wall clock.
const at = process.env[TEST_NOW];
if (at) clock.travelTo(at);
