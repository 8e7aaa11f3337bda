/** Every data source, keyed as inputs name them in `dataSource:`. */
import { crmRecordFieldsForm } from "./crmRecordFieldsForm";
import { selectBooksOrganization } from "./selectBooksOrganization";
import { selectBooksRecord } from "./selectBooksRecord";
import { selectBooksRecordType } from "./selectBooksRecordType";
import { selectCrmFields } from "./selectCrmFields";
import { selectCrmLayout } from "./selectCrmLayout";
import { selectCrmModule } from "./selectCrmModule";
import { selectCrmRecord } from "./selectCrmRecord";
import { selectCrmRelatedList } from "./selectCrmRelatedList";
import { selectCrmUser } from "./selectCrmUser";
import { selectNotificationChannel } from "./selectNotificationChannel";
import { selectCrmFromAddress } from "./selectCrmFromAddress";
import { selectCrmEmailTemplate } from "./selectCrmEmailTemplate";
import { selectCrmBlueprintTransition } from "./selectCrmBlueprintTransition";
import { selectCrmAssignmentRule } from "./selectCrmAssignmentRule";

export default {
  selectCrmModule,
  selectCrmFields,
  selectCrmLayout,
  selectCrmRecord,
  selectCrmRelatedList,
  selectCrmUser,
  selectNotificationChannel,
  selectBooksOrganization,
  selectBooksRecordType,
  selectBooksRecord,
  crmRecordFieldsForm,
  selectCrmFromAddress,
  selectCrmEmailTemplate,
  selectCrmBlueprintTransition,
  selectCrmAssignmentRule,
};
