/** Every trigger, keyed as the platform (and the existing Prismatic Zoho component) knows them. */
import { crmRecordsPollingTrigger } from "./crmRecordsPolling";
import { contactsPollingTrigger, leadsPollingTrigger } from "./legacyPolling";
import { notificationsTrigger } from "./notifications";
import { bookContactsPollingTrigger, booksRecordsPollingTrigger } from "./booksRecordsPolling";
import { booksRecordsInstantTrigger } from "./booksRecordsInstant";

export default {
  notificationsTrigger,
  crmRecordsPollingTrigger,
  leadsPollingTrigger,
  contactsPollingTrigger,
  booksRecordsPollingTrigger,
  bookContactsPollingTrigger,
  booksRecordsInstantTrigger,
};
