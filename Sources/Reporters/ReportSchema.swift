/// The XML Schema of venue-audit reports, format version 1, embedded so the tool can print it
/// (`venue-audit schema report`) and validate reports without finding files on disk.
///
/// A copy of `schemas/venue-audit-report-1.xsd`; a test checks the two are identical. Edit the
/// file, then paste it here.
public enum ReportSchema {
    /// The target namespace.
    public static let namespace = "urn:venue-audit:report:1"

    /// The text of `schemas/venue-audit-report-1.xsd`.
    public static let xsd = #"""
<?xml version="1.0" encoding="UTF-8"?>
<!--
  venue-audit report, format version 1.

  The canonical report: every other format is derived from the same AuditResult, and the
  aggregator reads this one back. Scalars are attributes and free text is element content, so a
  streaming reader (libxml2 xmlTextReader) sees a finding's ids, state and severity on its
  start tag. Elements appear in the order given here. A reader must ignore nothing: changes that
  add or remove elements or values get a new namespace (urn:venue-audit:report:2).
  Documented in docs/report-formats.md.
-->
<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema"
           xmlns="urn:venue-audit:report:1"
           targetNamespace="urn:venue-audit:report:1"
           elementFormDefault="qualified"
           attributeFormDefault="unqualified">

  <xs:element name="report" type="Report"/>

  <xs:complexType name="Report">
    <xs:sequence>
      <xs:element name="input" type="Input"/>
      <xs:element name="profile" type="Profile"/>
      <xs:element name="packs" type="Packs"/>
      <xs:element name="venue" type="Venue"/>
      <xs:element name="assessment" type="Assessment"/>
      <xs:element name="summary" type="Summary"/>
      <xs:element name="findings" type="Findings"/>
      <xs:element name="observations" type="Observations"/>
      <xs:element name="diagnostics" type="Diagnostics"/>
      <!-- The SHA-256 of this document's bytes with the digest's 64 hex digits replaced by
           zeros (tamper evidence; the aggregator rejects a report whose content does not
           match it). Always the last element. -->
      <xs:element name="digest" type="Digest"/>
    </xs:sequence>
    <!-- The format version; always 1 in this namespace. -->
    <xs:attribute name="version" use="required" type="xs:string" fixed="1"/>
    <xs:attribute name="tool-version" use="required" type="NonEmpty"/>
    <!-- When the report was written, UTC. -->
    <xs:attribute name="generated-at" use="required" type="xs:dateTime"/>
    <!-- The language the report was requested in; texts are carried in both languages. -->
    <xs:attribute name="language" use="required" type="Language"/>
  </xs:complexType>

  <!-- The file audited. personal-data-found: ID numbers, phones, e-mails or passport numbers
       were found in its free text and masked in this report. -->
  <xs:complexType name="Input">
    <xs:attribute name="path" use="required" type="NonEmpty"/>
    <xs:attribute name="sha256" use="required" type="SHA256"/>
    <xs:attribute name="document-index" use="required" type="xs:nonNegativeInteger"/>
    <xs:attribute name="personal-data-found" use="required" type="xs:boolean"/>
  </xs:complexType>

  <xs:complexType name="Profile">
    <xs:attribute name="id" use="required" type="NonEmpty"/>
    <xs:attribute name="version" use="required" type="NonEmpty"/>
    <!-- The date the rules were evaluated for (effective dates, retention ages). -->
    <xs:attribute name="as-of" use="required" type="xs:date"/>
  </xs:complexType>

  <xs:complexType name="Packs">
    <xs:sequence>
      <xs:element name="pack" minOccurs="0" maxOccurs="unbounded">
        <xs:complexType>
          <xs:attribute name="id" use="required" type="NonEmpty"/>
          <xs:attribute name="version" use="required" type="NonEmpty"/>
        </xs:complexType>
      </xs:element>
    </xs:sequence>
  </xs:complexType>

  <xs:complexType name="Venue">
    <xs:sequence>
      <xs:element name="name" type="xs:string" minOccurs="0"/>
      <xs:element name="district" type="xs:string" minOccurs="0"/>
      <xs:element name="operator" type="xs:string" minOccurs="0"/>
    </xs:sequence>
    <xs:attribute name="id" use="required" type="NonEmpty"/>
    <xs:attribute name="type" type="xs:string"/>
    <xs:attribute name="jurisdiction" type="xs:string"/>
  </xs:complexType>

  <xs:complexType name="Assessment">
    <xs:sequence>
      <xs:element name="assessor" type="xs:string" minOccurs="0"/>
      <xs:element name="organization" type="xs:string" minOccurs="0"/>
    </xs:sequence>
    <!-- inspection | self_assessment | follow_up (the vocabulary may grow). -->
    <xs:attribute name="kind" type="xs:string"/>
    <xs:attribute name="date" type="xs:date"/>
  </xs:complexType>

  <xs:complexType name="Summary">
    <xs:sequence>
      <xs:element name="states">
        <xs:complexType>
          <xs:attribute name="pass" use="required" type="xs:nonNegativeInteger"/>
          <xs:attribute name="fail" use="required" type="xs:nonNegativeInteger"/>
          <xs:attribute name="unknown" use="required" type="xs:nonNegativeInteger"/>
          <xs:attribute name="not_applicable" use="required" type="xs:nonNegativeInteger"/>
          <xs:attribute name="waived" use="required" type="xs:nonNegativeInteger"/>
          <xs:attribute name="error" use="required" type="xs:nonNegativeInteger"/>
        </xs:complexType>
      </xs:element>
      <!-- Findings in state fail, by severity. -->
      <xs:element name="failing">
        <xs:complexType>
          <xs:attribute name="critical" use="required" type="xs:nonNegativeInteger"/>
          <xs:attribute name="high" use="required" type="xs:nonNegativeInteger"/>
          <xs:attribute name="medium" use="required" type="xs:nonNegativeInteger"/>
          <xs:attribute name="low" use="required" type="xs:nonNegativeInteger"/>
          <xs:attribute name="info" use="required" type="xs:nonNegativeInteger"/>
        </xs:complexType>
      </xs:element>
    </xs:sequence>
    <xs:attribute name="verdict" use="required" type="Verdict"/>
    <xs:attribute name="fail-threshold" use="required" type="Severity"/>
    <xs:attribute name="findings" use="required" type="xs:nonNegativeInteger"/>
  </xs:complexType>

  <xs:complexType name="Findings">
    <xs:sequence>
      <xs:element name="finding" type="Finding" minOccurs="0" maxOccurs="unbounded"/>
    </xs:sequence>
  </xs:complexType>

  <!-- One rule for one target. -->
  <xs:complexType name="Finding">
    <xs:sequence>
      <!-- The node of the input that decided the result. -->
      <xs:element name="location" type="Location" minOccurs="0"/>
      <!-- The input line at location, masked. -->
      <xs:element name="source-line" type="xs:string" minOccurs="0"/>
      <xs:element name="title" type="Text" minOccurs="2" maxOccurs="2"/>
      <xs:element name="message" type="Text" minOccurs="2" maxOccurs="2"/>
      <xs:element name="expected" type="Text" minOccurs="0" maxOccurs="2"/>
      <xs:element name="evidence" minOccurs="0">
        <xs:complexType>
          <xs:sequence>
            <xs:element name="item" maxOccurs="unbounded">
              <xs:complexType>
                <xs:sequence>
                  <xs:element name="location" type="Location" minOccurs="0"/>
                  <xs:element name="value" type="xs:string"/>
                </xs:sequence>
                <xs:attribute name="name" use="required" type="NonEmpty"/>
              </xs:complexType>
            </xs:element>
          </xs:sequence>
        </xs:complexType>
      </xs:element>
      <xs:element name="citations" minOccurs="0">
        <xs:complexType>
          <xs:sequence>
            <xs:element name="citation" maxOccurs="unbounded">
              <xs:complexType>
                <xs:sequence>
                  <xs:element name="instrument" type="Text" minOccurs="2" maxOccurs="2"/>
                </xs:sequence>
                <!-- instrument#provision in policies/legal-sources.yaml: cn-pipl#art-19 -->
                <xs:attribute name="key" use="required" type="NonEmpty"/>
                <xs:attribute name="provision" use="required" type="xs:string"/>
                <xs:attribute name="url" type="xs:anyURI"/>
              </xs:complexType>
            </xs:element>
          </xs:sequence>
        </xs:complexType>
      </xs:element>
      <xs:element name="remediation" type="Text" minOccurs="2" maxOccurs="2"/>
      <xs:element name="waiver" type="Waiver" minOccurs="0"/>
    </xs:sequence>
    <xs:attribute name="rule" use="required" type="RuleID"/>
    <xs:attribute name="pack" use="required" type="NonEmpty"/>
    <xs:attribute name="severity" use="required" type="Severity"/>
    <xs:attribute name="state" use="required" type="State"/>
    <!-- venue | collection_points | digital_systems | incidents | observations -->
    <xs:attribute name="scope" use="required" type="NonEmpty"/>
    <!-- The id of the scope item; absent for venue-wide rules. -->
    <xs:attribute name="target" type="xs:string"/>
    <!-- true when the rule encodes good practice rather than law. -->
    <xs:attribute name="practice" use="required" type="xs:boolean"/>
    <!-- The rule's documentation page. -->
    <xs:attribute name="help" use="required" type="xs:anyURI"/>
  </xs:complexType>

  <!-- An exception that matched the finding. active="false": it expired before the as-of
       date and the finding stays fail. -->
  <xs:complexType name="Waiver">
    <xs:sequence>
      <xs:element name="location" type="Location" minOccurs="0"/>
      <xs:element name="reason" type="xs:string"/>
      <xs:element name="approved-by" type="xs:string"/>
    </xs:sequence>
    <xs:attribute name="active" use="required" type="xs:boolean"/>
    <xs:attribute name="expires" use="required" type="xs:date"/>
  </xs:complexType>

  <xs:complexType name="Observations">
    <xs:sequence>
      <xs:element name="observation" minOccurs="0" maxOccurs="unbounded">
        <xs:complexType>
          <xs:sequence>
            <xs:element name="location" type="Location" minOccurs="0"/>
            <xs:element name="note" type="xs:string" minOccurs="0"/>
            <xs:element name="evidence" type="xs:string" minOccurs="0" maxOccurs="unbounded"/>
          </xs:sequence>
          <xs:attribute name="kind" use="required" type="NonEmpty"/>
          <!-- A path into the venue description: collection_points[north-gate-book]. -->
          <xs:attribute name="at" type="xs:string"/>
        </xs:complexType>
      </xs:element>
    </xs:sequence>
  </xs:complexType>

  <xs:complexType name="Diagnostics">
    <xs:sequence>
      <xs:element name="diagnostic" minOccurs="0" maxOccurs="unbounded">
        <xs:complexType>
          <xs:sequence>
            <xs:element name="location" type="Location" minOccurs="0"/>
            <xs:element name="message" type="xs:string"/>
            <xs:element name="note" type="xs:string" minOccurs="0" maxOccurs="unbounded"/>
          </xs:sequence>
          <xs:attribute name="severity" use="required" type="DiagnosticSeverity"/>
          <xs:attribute name="code" use="required" type="NonEmpty"/>
        </xs:complexType>
      </xs:element>
    </xs:sequence>
  </xs:complexType>

  <!-- A place in an input file; line and column are 1-based. -->
  <xs:complexType name="Location">
    <xs:attribute name="file" use="required" type="NonEmpty"/>
    <xs:attribute name="line" use="required" type="xs:positiveInteger"/>
    <xs:attribute name="column" use="required" type="xs:positiveInteger"/>
  </xs:complexType>

  <!-- A text in one language; bilingual texts appear twice, en then zh. -->
  <xs:complexType name="Text">
    <xs:simpleContent>
      <xs:extension base="xs:string">
        <xs:attribute name="lang" use="required" type="Language"/>
      </xs:extension>
    </xs:simpleContent>
  </xs:complexType>

  <xs:simpleType name="State">
    <xs:restriction base="xs:token">
      <xs:enumeration value="pass"/>
      <xs:enumeration value="fail"/>
      <xs:enumeration value="unknown"/>
      <xs:enumeration value="not_applicable"/>
      <xs:enumeration value="waived"/>
      <xs:enumeration value="error"/>
    </xs:restriction>
  </xs:simpleType>

  <xs:simpleType name="Severity">
    <xs:restriction base="xs:token">
      <xs:enumeration value="critical"/>
      <xs:enumeration value="high"/>
      <xs:enumeration value="medium"/>
      <xs:enumeration value="low"/>
      <xs:enumeration value="info"/>
    </xs:restriction>
  </xs:simpleType>

  <xs:simpleType name="Verdict">
    <xs:restriction base="xs:token">
      <xs:enumeration value="non_compliant"/>
      <xs:enumeration value="incomplete"/>
      <xs:enumeration value="compliant"/>
    </xs:restriction>
  </xs:simpleType>

  <xs:simpleType name="DiagnosticSeverity">
    <xs:restriction base="xs:token">
      <xs:enumeration value="error"/>
      <xs:enumeration value="warning"/>
      <xs:enumeration value="note"/>
    </xs:restriction>
  </xs:simpleType>

  <xs:simpleType name="Language">
    <xs:restriction base="xs:token">
      <xs:enumeration value="en"/>
      <xs:enumeration value="zh"/>
    </xs:restriction>
  </xs:simpleType>

  <!-- docs/policy-format.md: jurisdiction, instrument, article, topic. -->
  <xs:simpleType name="RuleID">
    <xs:restriction base="xs:string">
      <xs:pattern value="[A-Z]{2,}(-[A-Z0-9.]+)+"/>
    </xs:restriction>
  </xs:simpleType>

  <xs:simpleType name="SHA256">
    <xs:restriction base="xs:string">
      <xs:pattern value="[0-9a-f]{64}"/>
    </xs:restriction>
  </xs:simpleType>

  <xs:complexType name="Digest">
    <xs:simpleContent>
      <xs:extension base="SHA256">
        <xs:attribute name="algorithm" use="required" type="xs:string" fixed="sha-256"/>
      </xs:extension>
    </xs:simpleContent>
  </xs:complexType>

  <xs:simpleType name="NonEmpty">
    <xs:restriction base="xs:string">
      <xs:minLength value="1"/>
    </xs:restriction>
  </xs:simpleType>
</xs:schema>

"""#
}
