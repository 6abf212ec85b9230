// The GPS position written by a phone in a JPEG photo's EXIF block, read in the browser
// before the photo is resized (resizing drops every metadata). Our own reader of the EXIF
// structure (CIPA DC-008, « Exif 2.3 »: APP1 segment « Exif\0\0 », a TIFF header, IFD0, whose
// tag 0x8825 points to the GPS IFD; tags 1–4 hold the latitude and longitude and their
// hemispheres, as three RATIONALs: degrees, minutes, seconds). Anything unexpected: null.
(function () {
  "use strict";
  function read(buffer) {
    var view = new DataView(buffer);
    if (view.byteLength < 4 || view.getUint16(0) !== 0xffd8) return null; // not a JPEG
    var offset = 2;
    while (offset + 4 <= view.byteLength) {
      var marker = view.getUint16(offset);
      var size = view.getUint16(offset + 2);
      if ((marker & 0xff00) !== 0xff00 || size < 2) return null;
      if (marker === 0xffda) return null; // image data: no EXIF before it
      if (marker === 0xffe1 && offset + 10 <= view.byteLength &&
          view.getUint32(offset + 4) === 0x45786966 && view.getUint16(offset + 8) === 0) {
        return tiff(view, offset + 10, Math.min(view.byteLength, offset + 2 + size));
      }
      offset += 2 + size;
    }
    return null;
  }
  function tiff(view, start, end) {
    if (start + 8 > end) return null;
    var order = view.getUint16(start);
    if (order !== 0x4949 && order !== 0x4d4d) return null;
    var little = order === 0x4949;
    function u16(at) { return view.getUint16(at, little); }
    function u32(at) { return view.getUint32(at, little); }
    if (u16(start + 2) !== 42) return null;
    function entries(ifd) {
      var at = start + ifd;
      if (at + 2 > end) return null;
      var count = u16(at), out = {};
      if (at + 2 + count * 12 > end) return null;
      for (var i = 0; i < count; i++) {
        var e = at + 2 + i * 12;
        out[u16(e)] = { type: u16(e + 2), count: u32(e + 4), at: e + 8 };
      }
      return out;
    }
    var ifd0 = entries(u32(start + 4));
    if (!ifd0 || !ifd0[0x8825]) return null;
    var gps = entries(u32(ifd0[0x8825].at));
    if (!gps) return null;
    function ref(tag) {
      var e = gps[tag];
      if (!e || e.type !== 2) return "";
      return String.fromCharCode(view.getUint8(e.at)); // ASCII, count ≤ 4: stored inline
    }
    function dms(tag) {
      var e = gps[tag];
      if (!e || e.type !== 5 || e.count !== 3) return null;
      var at = start + u32(e.at);
      if (at + 24 > end) return null;
      var parts = [];
      for (var i = 0; i < 3; i++) {
        var den = u32(at + 8 * i + 4);
        if (!den) return null;
        parts.push(u32(at + 8 * i) / den);
      }
      return parts[0] + parts[1] / 60 + parts[2] / 3600;
    }
    var lat = dms(2), lon = dms(4);
    if (lat === null || lon === null) return null;
    if (ref(1).toUpperCase() === "S") lat = -lat;
    if (ref(3).toUpperCase() === "W") lon = -lon;
    if (Math.abs(lat) > 90 || Math.abs(lon) > 180 || (lat === 0 && lon === 0)) return null;
    return { lat: Math.round(lat * 1e6) / 1e6, lon: Math.round(lon * 1e6) / 1e6 };
  }
  window.RessortExifGps = { read: read };
})();
