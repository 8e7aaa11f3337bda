/** Every data source, keyed as inputs name them in `dataSource:`. */
import { selectCrmFields } from "./selectCrmFields";
import { selectCrmModule } from "./selectCrmModule";
import { selectCrmRecord } from "./selectCrmRecord";
import { selectNotificationChannel } from "./selectNotificationChannel";

export default { selectCrmModule, selectCrmFields, selectCrmRecord, selectNotificationChannel };
