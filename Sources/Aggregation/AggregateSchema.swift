/// The XML Schema of `venue-audit aggregate` output, format version 1.
///
/// A copy of `schemas/venue-audit-aggregate-1.xsd`; a test checks the two are identical. Edit the
/// file, then paste it here.
public enum AggregateSchema {
    /// The target namespace.
    public static let namespace = "urn:venue-audit:aggregate:1"

    /// The text of `schemas/venue-audit-aggregate-1.xsd`.
    public static let xsd = #"""
<?xml version="1.0" encoding="UTF-8"?>
<!--
  venue-audit aggregate, format version 1: the rollups of many reports, as written by
  `venue-audit aggregate`. Every figure of the dashboard is here. Counts are attributes.
  Groups, rules and lists come in a fixed order (see docs/aggregate-formats.md).
-->
<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema"
           xmlns="urn:venue-audit:aggregate:1"
           targetNamespace="urn:venue-audit:aggregate:1"
           elementFormDefault="qualified"
           attributeFormDefault="unqualified">

  <xs:element name="aggregate">
    <xs:complexType>
      <xs:sequence>
        <xs:element name="ingest" type="Ingest"/>
        <xs:element name="total" type="Group"/>
        <xs:element name="states" type="States"/>
        <xs:element name="failing" type="Failing"/>
        <xs:element name="by" type="By" minOccurs="5" maxOccurs="5"/>
        <xs:element name="rules" type="Rules"/>
        <xs:element name="repeat-offences" type="RepeatOffences"/>
        <xs:element name="fixed" type="Fixed"/>
        <xs:element name="self-versus-inspection" type="SelfVersusInspection"/>
      </xs:sequence>
      <xs:attribute name="version" use="required" type="xs:string" fixed="1"/>
      <xs:attribute name="tool-version" use="required" type="xs:string"/>
      <xs:attribute name="generated-at" use="required" type="xs:dateTime"/>
    </xs:complexType>
  </xs:element>

  <!-- What this run read. added + already-stored + duplicates + rejected = files. -->
  <xs:complexType name="Ingest">
    <xs:attribute name="files" use="required" type="xs:nonNegativeInteger"/>
    <xs:attribute name="added" use="required" type="xs:nonNegativeInteger"/>
    <xs:attribute name="already-stored" use="required" type="xs:nonNegativeInteger"/>
    <xs:attribute name="duplicates" use="required" type="xs:nonNegativeInteger"/>
    <xs:attribute name="skipped" use="required" type="xs:nonNegativeInteger"/>
    <xs:attribute name="unreadable" use="required" type="xs:nonNegativeInteger"/>
    <xs:attribute name="malformed" use="required" type="xs:nonNegativeInteger"/>
    <xs:attribute name="truncated" use="required" type="xs:nonNegativeInteger"/>
    <xs:attribute name="schema-invalid" use="required" type="xs:nonNegativeInteger"/>
    <xs:attribute name="tampered" use="required" type="xs:nonNegativeInteger"/>
    <!-- Reports in the store after this run: what the figures count. -->
    <xs:attribute name="stored" use="required" type="xs:nonNegativeInteger"/>
  </xs:complexType>

  <!-- Counts over the reports of one group. evaluated: findings not in state not_applicable. -->
  <xs:complexType name="Group">
    <xs:attribute name="key" use="required" type="xs:string"/>
    <xs:attribute name="reports" use="required" type="xs:nonNegativeInteger"/>
    <xs:attribute name="venues" use="required" type="xs:nonNegativeInteger"/>
    <xs:attribute name="non-compliant" use="required" type="xs:nonNegativeInteger"/>
    <xs:attribute name="incomplete" use="required" type="xs:nonNegativeInteger"/>
    <xs:attribute name="compliant" use="required" type="xs:nonNegativeInteger"/>
    <xs:attribute name="findings" use="required" type="xs:nonNegativeInteger"/>
    <xs:attribute name="fail" use="required" type="xs:nonNegativeInteger"/>
    <xs:attribute name="unknown" use="required" type="xs:nonNegativeInteger"/>
    <xs:attribute name="evaluated" use="required" type="xs:nonNegativeInteger"/>
  </xs:complexType>

  <xs:complexType name="States">
    <xs:attribute name="pass" use="required" type="xs:nonNegativeInteger"/>
    <xs:attribute name="fail" use="required" type="xs:nonNegativeInteger"/>
    <xs:attribute name="unknown" use="required" type="xs:nonNegativeInteger"/>
    <xs:attribute name="not_applicable" use="required" type="xs:nonNegativeInteger"/>
    <xs:attribute name="waived" use="required" type="xs:nonNegativeInteger"/>
    <xs:attribute name="error" use="required" type="xs:nonNegativeInteger"/>
  </xs:complexType>

  <xs:complexType name="Failing">
    <xs:attribute name="critical" use="required" type="xs:nonNegativeInteger"/>
    <xs:attribute name="high" use="required" type="xs:nonNegativeInteger"/>
    <xs:attribute name="medium" use="required" type="xs:nonNegativeInteger"/>
    <xs:attribute name="low" use="required" type="xs:nonNegativeInteger"/>
    <xs:attribute name="info" use="required" type="xs:nonNegativeInteger"/>
  </xs:complexType>

  <!-- One dimension, in this order: district, venue-type, jurisdiction, kind, month. -->
  <xs:complexType name="By">
    <xs:sequence>
      <xs:element name="group" type="Group" minOccurs="0" maxOccurs="unbounded"/>
    </xs:sequence>
    <xs:attribute name="dimension" use="required">
      <xs:simpleType>
        <xs:restriction base="xs:token">
          <xs:enumeration value="district"/>
          <xs:enumeration value="venue-type"/>
          <xs:enumeration value="jurisdiction"/>
          <xs:enumeration value="kind"/>
          <xs:enumeration value="month"/>
        </xs:restriction>
      </xs:simpleType>
    </xs:attribute>
  </xs:complexType>

  <!-- Every rule seen, most fails first. -->
  <xs:complexType name="Rules">
    <xs:sequence>
      <xs:element name="rule" minOccurs="0" maxOccurs="unbounded">
        <xs:complexType>
          <xs:sequence>
            <xs:element name="title" type="Text" minOccurs="2" maxOccurs="2"/>
          </xs:sequence>
          <xs:attribute name="id" use="required" type="xs:string"/>
          <xs:attribute name="severity" use="required" type="Severity"/>
          <xs:attribute name="pass" use="required" type="xs:nonNegativeInteger"/>
          <xs:attribute name="fail" use="required" type="xs:nonNegativeInteger"/>
          <xs:attribute name="unknown" use="required" type="xs:nonNegativeInteger"/>
          <xs:attribute name="not_applicable" use="required" type="xs:nonNegativeInteger"/>
          <xs:attribute name="waived" use="required" type="xs:nonNegativeInteger"/>
          <xs:attribute name="error" use="required" type="xs:nonNegativeInteger"/>
          <xs:attribute name="venues-failing" use="required" type="xs:nonNegativeInteger"/>
          <xs:attribute name="repeat-offences" use="required" type="xs:nonNegativeInteger"/>
          <xs:attribute name="fixed" use="required" type="xs:nonNegativeInteger"/>
        </xs:complexType>
      </xs:element>
    </xs:sequence>
  </xs:complexType>

  <!-- A rule+target failing in consecutive assessments of a venue; longest streaks first. -->
  <xs:complexType name="RepeatOffences">
    <xs:sequence>
      <xs:element name="offence" minOccurs="0" maxOccurs="unbounded">
        <xs:complexType>
          <xs:sequence>
            <xs:element name="name" type="xs:string" minOccurs="0"/>
            <xs:element name="district" type="xs:string" minOccurs="0"/>
          </xs:sequence>
          <xs:attribute name="venue" use="required" type="xs:string"/>
          <xs:attribute name="rule" use="required" type="xs:string"/>
          <xs:attribute name="target" type="xs:string"/>
          <xs:attribute name="assessments" use="required" type="xs:positiveInteger"/>
          <xs:attribute name="first" type="xs:date"/>
          <xs:attribute name="last" type="xs:date"/>
        </xs:complexType>
      </xs:element>
    </xs:sequence>
    <xs:attribute name="count" use="required" type="xs:nonNegativeInteger"/>
    <xs:attribute name="venues" use="required" type="xs:nonNegativeInteger"/>
  </xs:complexType>

  <!-- A fail gone at the venue's next assessment. now: pass | not_applicable | absent. -->
  <xs:complexType name="Fixed">
    <xs:sequence>
      <xs:element name="fix" minOccurs="0" maxOccurs="unbounded">
        <xs:complexType>
          <xs:sequence>
            <xs:element name="name" type="xs:string" minOccurs="0"/>
            <xs:element name="district" type="xs:string" minOccurs="0"/>
          </xs:sequence>
          <xs:attribute name="venue" use="required" type="xs:string"/>
          <xs:attribute name="rule" use="required" type="xs:string"/>
          <xs:attribute name="target" type="xs:string"/>
          <xs:attribute name="failed-on" type="xs:date"/>
          <xs:attribute name="fixed-on" type="xs:date"/>
          <xs:attribute name="now" use="required" type="xs:string"/>
        </xs:complexType>
      </xs:element>
    </xs:sequence>
    <xs:attribute name="count" use="required" type="xs:nonNegativeInteger"/>
  </xs:complexType>

  <!-- Each self-assessment paired with the next inspection or follow-up of the same venue. -->
  <xs:complexType name="SelfVersusInspection">
    <xs:sequence>
      <xs:element name="verdicts" minOccurs="0" maxOccurs="unbounded">
        <xs:complexType>
          <xs:attribute name="self" use="required" type="Verdict"/>
          <xs:attribute name="inspection" use="required" type="Verdict"/>
          <xs:attribute name="pairs" use="required" type="xs:nonNegativeInteger"/>
        </xs:complexType>
      </xs:element>
    </xs:sequence>
    <xs:attribute name="pairs" use="required" type="xs:nonNegativeInteger"/>
    <xs:attribute name="venues" use="required" type="xs:nonNegativeInteger"/>
    <xs:attribute name="self-fails" use="required" type="xs:nonNegativeInteger"/>
    <xs:attribute name="inspection-fails" use="required" type="xs:nonNegativeInteger"/>
    <xs:attribute name="missed-by-self" use="required" type="xs:nonNegativeInteger"/>
    <xs:attribute name="unknown-in-self" use="required" type="xs:nonNegativeInteger"/>
    <xs:attribute name="optimistic" use="required" type="xs:nonNegativeInteger"/>
  </xs:complexType>

  <xs:complexType name="Text">
    <xs:simpleContent>
      <xs:extension base="xs:string">
        <xs:attribute name="lang" use="required">
          <xs:simpleType>
            <xs:restriction base="xs:token">
              <xs:enumeration value="en"/>
              <xs:enumeration value="zh"/>
            </xs:restriction>
          </xs:simpleType>
        </xs:attribute>
      </xs:extension>
    </xs:simpleContent>
  </xs:complexType>

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
</xs:schema>
"""#
}
