/** The page path in Debian Firefox ESR: see page-path/measure.ts. */
import { launchFirefoxDriver } from './page-path/firefox-driver';
import { pagePathGroup } from './page-path/group';

export default pagePathGroup('page-firefox', launchFirefoxDriver);
