/**
 * The permission levels Digistyr grants and their masks: domain knowledge in
 * `src/domain/permission-levels.ts`, shared with the doctor; re-exported here for provisioning.
 */
export * from "../domain/permission-levels.js";
