/** The page path in Debian Chromium: see page-path/measure.ts. */
import { launchChromiumDriver } from './page-path/chromium-driver';
import { pagePathGroup } from './page-path/group';

export default pagePathGroup('page-chromium', launchChromiumDriver);
