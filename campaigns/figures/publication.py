"""NHS England's publication as downloaded: a CSV, or a zip holding one or more CSVs, in the encoding it was saved in.

A zip is checked before anything is read: at most MAX_MEMBERS files, each at most MAX_MEMBER_BYTES unpacked
(zipfile never unpacks more than a member's header declares, and a member longer than that fails its CRC
check), no zip inside it and no name reaching outside it (nothing is ever unpacked to disk). Files that are not CSV
(a readme, a PDF) are left unread and listed, so the import can say so.

Each CSV's encoding is decided on its own: a byte-order mark says UTF-8; otherwise the whole file is read once,
in chunks, through a strict UTF-8 decoder, and any byte that is not UTF-8 makes it Windows-1252 (what Excel on
Windows saves). The rows are then read in a second pass, a line at a time, so memory stays bounded whatever
the file's size.
"""

import codecs
import zipfile
from dataclasses import dataclass
from pathlib import PurePosixPath

MAX_MEMBERS = 20
MAX_MEMBER_BYTES = 500 * 1024 * 1024
CHUNK = 1 << 16
ZIP_SIGNATURES = (b"PK\x03\x04", b"PK\x05\x06")

UTF8 = "UTF-8"
UTF8_BOM = "UTF-8 with byte-order mark"
WINDOWS_1252 = "Windows-1252"
CODECS = {UTF8: "utf-8", UTF8_BOM: "utf-8", WINDOWS_1252: "cp1252"}


class UnreadableFile(Exception):
    """The upload cannot be read as a CSV or a zip of CSVs. line is set when one line is at fault."""

    def __init__(self, message, line=None):
        self.line = line
        super().__init__(message)


def where_in(member="", line=None, column=""):
    """Where in an upload a problem is: 'In March.csv, line 3, column METRIC_VALUE' ('' for the whole file)."""
    parts = [f"in {member}" if member else "", f"line {line}" if line else "", f"column {column}" if column else ""]
    where = ", ".join(part for part in parts if part)
    return where[:1].upper() + where[1:]


@dataclass
class CsvFile:
    member: str  # its name in the zip; '' for a CSV uploaded as it is
    encoding: str  # UTF8, UTF8_BOM or WINDOWS_1252
    lines: object  # an iterator of the file's lines as text, the first without its byte-order mark


class Publication:
    """An open upload. `skipped` lists the zip's files that are not CSV; `csv_files()` yields each CSV in turn."""

    def __init__(self, binary_file):
        self.binary_file = binary_file
        binary_file.seek(0)
        self.is_zip = binary_file.read(4) in ZIP_SIGNATURES
        binary_file.seek(0)
        self.members = []  # the zip's CSV files, checked
        self.skipped = []  # the zip's other files, by name
        if self.is_zip:
            self._check_zip()

    def _open_zip(self):
        self.binary_file.seek(0)
        try:
            return zipfile.ZipFile(self.binary_file)
        except (zipfile.BadZipFile, OSError) as error:
            raise UnreadableFile("the zip file is damaged or incomplete: download it again.") from error

    def _check_zip(self):
        with self._open_zip() as archive:
            files = [info for info in archive.infolist() if not info.is_dir()]
        if len(files) > MAX_MEMBERS:
            raise UnreadableFile(
                f"the zip holds {len(files)} files; NHS England's holds one or a few (at most {MAX_MEMBERS} are "
                "read). Upload the zip as NHS England published it, or the CSV itself."
            )
        for info in files:
            name = info.filename
            parts = PurePosixPath(name.replace("\\", "/")).parts
            if name.startswith(("/", "\\")) or ".." in parts or (parts and ":" in parts[0]):
                raise UnreadableFile(
                    f"the zip holds {name!r}, a name pointing outside the zip: it is not NHS England's file as "
                    "published."
                )
            suffix = PurePosixPath(parts[-1]).suffix.lower() if parts else ""
            if suffix == ".zip":
                raise UnreadableFile(
                    f"the zip holds another zip, {name!r}: open it and upload the CSV inside, or upload the zip "
                    "NHS England published."
                )
            if suffix != ".csv" or parts[0] == "__MACOSX" or parts[-1].startswith("._"):
                self.skipped.append(name)
                continue
            if info.flag_bits & 0x1:
                raise UnreadableFile(f"the file {name} in the zip is protected by a password: upload the CSV itself.")
            if info.file_size > MAX_MEMBER_BYTES:
                raise UnreadableFile(_too_big(name))
            self.members.append(info)
        if not self.members:
            held = ", ".join(self.skipped) or "nothing"
            raise UnreadableFile(f"the zip holds no CSV file (it holds {held}).")

    def csv_files(self):
        if not self.is_zip:
            encoding = detect_encoding(self.binary_file.read)
            self.binary_file.seek(0)
            yield CsvFile("", encoding, text_lines(self.binary_file, encoding))
            return
        with self._open_zip() as archive:
            for info in self.members:
                try:
                    with archive.open(info) as member:
                        encoding = detect_encoding(member.read)
                except zipfile.BadZipFile as error:
                    raise _damaged(info) from error
                with archive.open(info) as member:
                    yield CsvFile(info.filename, encoding, _undamaged(text_lines(member, encoding), info))


def _undamaged(lines, info):
    """A zip member's lines, with a failed CRC check (a damaged or doctored zip) said plainly."""
    try:
        yield from lines
    except zipfile.BadZipFile as error:
        raise _damaged(info) from error


def _damaged(info):
    return UnreadableFile(f"the file {info.filename} in the zip is damaged: download the zip again.")


def _too_big(name):
    return (
        f"the file {name} in the zip is over {_size(MAX_MEMBER_BYTES)} unpacked, far more than a month's "
        "figures: it is not NHS England's file, or it is damaged."
    )


def _size(count):
    return f"{count / (1024 * 1024):,.0f} MB" if count >= 1024 * 1024 else f"{count:,} bytes"


def detect_encoding(read):
    """UTF8_BOM, UTF8 or WINDOWS_1252, from a file's bytes read in chunks with read(size)."""
    first = read(CHUNK)
    if first.startswith(codecs.BOM_UTF8):
        return UTF8_BOM
    decoder = codecs.getincrementaldecoder("utf-8")("strict")
    chunk = first
    try:
        while chunk:
            decoder.decode(chunk)
            chunk = read(CHUNK)
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return WINDOWS_1252
    return UTF8


def text_lines(binary_lines, encoding):
    """The file's lines as text, decoded one at a time so a bad byte is reported on its own line."""
    codec = CODECS[encoding]
    for number, raw in enumerate(binary_lines, start=1):
        try:
            text = raw.decode(codec)
        except UnicodeDecodeError as error:
            if encoding == WINDOWS_1252:
                message = (
                    f"the line has a byte ({raw[error.start]:#04x}) that is neither UTF-8 nor Windows-1252 text. "
                    "Save the file as 'CSV UTF-8' and try again."
                )
            else:
                message = "the file starts as UTF-8 text but this line is not. Save it as 'CSV UTF-8' and try again."
            raise UnreadableFile(message, line=number) from error
        yield text.removeprefix("\ufeff") if number == 1 else text
