/** Every other Books record type (items, purchases, expenses, projects, settings, accounting, banking) through CRUD over HTTP. */
import { OTHER_TYPES, describeRecordTypes } from "./booksSweep";

describeRecordTypes(OTHER_TYPES);
