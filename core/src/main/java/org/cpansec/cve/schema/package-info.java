/**
 * The two schemas that decide format questions for CNA records: the CPANSec CNA YAML schema and the
 * official CVE JSON 5.1.1 bundle, both read from the classpath (see the NOTICE beside them).
 *
 * <p>Depends on Jackson and networknt json-schema-validator only.
 */
package org.cpansec.cve.schema;
