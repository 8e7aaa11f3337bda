/** Every sales-side Books record type through CRUD over HTTP, checked against Zoho's OpenAPI files. */
import { SALES_TYPES, describeRecordTypes } from "./booksSweep";

describeRecordTypes(SALES_TYPES);
