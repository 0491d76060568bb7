#!/usr/bin/env node
import { createRequire as __rlCreateRequire } from 'node:module';
const require = __rlCreateRequire(import.meta.url);
import {
  formatRecords,
  newRecords,
  recordKey,
  recordOf,
  storeFilePath
} from "./cli-OJWVH3MO.js";
import {
  lineSegments,
  ndjsonFileSource,
  parseLine,
  readNdjsonBatches
} from "./cli-2EEIGSHA.js";
import {
  coreCount
} from "./cli-RLS4UGPM.js";
import {
  resolveRoot,
  writeOutputFile
} from "./cli-4HXNJJBU.js";
import {
  VERSION
} from "./cli-44RM6KWG.js";
import {
  nodeRepoFiles
} from "./cli-K3LUHVBJ.js";
import "./cli-7KR5KIPO.js";
import {
  AUDIT_SCORERS,
  ansi,
  loadConfig,
  plural,
  readConfigText,
  require_ajv,
  scaleBounds
} from "./cli-2DQVB3FE.js";
import {
  ConfigError,
  EXIT,
  InvalidArgumentError,
  NO_PROGRESS,
  Option,
  isCI,
  progressLine,
  require_dist,
  shouldUseColor
} from "./cli-JW34KQ4Z.js";
import "./cli-R3X6FJR3.js";
import {
  AbortError,
  pRetry
} from "./cli-YLWRLJDD.js";
import {
  sanitizeText
} from "./cli-Q4UO6FBE.js";
import {
  pLimit
} from "./cli-QCVQTLV6.js";
import {
  errorMessage
} from "./cli-UJJGCHLM.js";
import {
  __commonJS,
  __require,
  __toESM
} from "./cli-EZXOBCIM.js";

// node_modules/graceful-fs/polyfills.js
var require_polyfills = __commonJS({
  "node_modules/graceful-fs/polyfills.js"(exports, module) {
    var constants = __require("constants");
    var origCwd = process.cwd;
    var cwd = null;
    var platform = process.env.GRACEFUL_FS_PLATFORM || process.platform;
    process.cwd = function() {
      if (!cwd)
        cwd = origCwd.call(process);
      return cwd;
    };
    try {
      process.cwd();
    } catch (er) {
    }
    if (typeof process.chdir === "function") {
      chdir = process.chdir;
      process.chdir = function(d) {
        cwd = null;
        chdir.call(process, d);
      };
      if (Object.setPrototypeOf) Object.setPrototypeOf(process.chdir, chdir);
    }
    var chdir;
    module.exports = patch;
    function patch(fs) {
      if (constants.hasOwnProperty("O_SYMLINK") && process.version.match(/^v0\.6\.[0-2]|^v0\.5\./)) {
        patchLchmod(fs);
      }
      if (!fs.lutimes) {
        patchLutimes(fs);
      }
      fs.chown = chownFix(fs.chown);
      fs.fchown = chownFix(fs.fchown);
      fs.lchown = chownFix(fs.lchown);
      fs.chmod = chmodFix(fs.chmod);
      fs.fchmod = chmodFix(fs.fchmod);
      fs.lchmod = chmodFix(fs.lchmod);
      fs.chownSync = chownFixSync(fs.chownSync);
      fs.fchownSync = chownFixSync(fs.fchownSync);
      fs.lchownSync = chownFixSync(fs.lchownSync);
      fs.chmodSync = chmodFixSync(fs.chmodSync);
      fs.fchmodSync = chmodFixSync(fs.fchmodSync);
      fs.lchmodSync = chmodFixSync(fs.lchmodSync);
      fs.stat = statFix(fs.stat);
      fs.fstat = statFix(fs.fstat);
      fs.lstat = statFix(fs.lstat);
      fs.statSync = statFixSync(fs.statSync);
      fs.fstatSync = statFixSync(fs.fstatSync);
      fs.lstatSync = statFixSync(fs.lstatSync);
      if (fs.chmod && !fs.lchmod) {
        fs.lchmod = function(path2, mode, cb) {
          if (cb) process.nextTick(cb);
        };
        fs.lchmodSync = function() {
        };
      }
      if (fs.chown && !fs.lchown) {
        fs.lchown = function(path2, uid, gid, cb) {
          if (cb) process.nextTick(cb);
        };
        fs.lchownSync = function() {
        };
      }
      if (platform === "win32") {
        fs.rename = typeof fs.rename !== "function" ? fs.rename : (function(fs$rename) {
          function rename(from, to, cb) {
            var start = Date.now();
            var backoff = 0;
            fs$rename(from, to, function CB(er) {
              if (er && (er.code === "EACCES" || er.code === "EPERM" || er.code === "EBUSY") && Date.now() - start < 6e4) {
                setTimeout(function() {
                  fs.stat(to, function(stater, st) {
                    if (stater && stater.code === "ENOENT")
                      fs$rename(from, to, CB);
                    else
                      cb(er);
                  });
                }, backoff);
                if (backoff < 100)
                  backoff += 10;
                return;
              }
              if (cb) cb(er);
            });
          }
          if (Object.setPrototypeOf) Object.setPrototypeOf(rename, fs$rename);
          return rename;
        })(fs.rename);
      }
      fs.read = typeof fs.read !== "function" ? fs.read : (function(fs$read) {
        function read(fd, buffer, offset, length, position, callback_) {
          var callback;
          if (callback_ && typeof callback_ === "function") {
            var eagCounter = 0;
            callback = function(er, _, __) {
              if (er && er.code === "EAGAIN" && eagCounter < 10) {
                eagCounter++;
                return fs$read.call(fs, fd, buffer, offset, length, position, callback);
              }
              callback_.apply(this, arguments);
            };
          }
          return fs$read.call(fs, fd, buffer, offset, length, position, callback);
        }
        if (Object.setPrototypeOf) Object.setPrototypeOf(read, fs$read);
        return read;
      })(fs.read);
      fs.readSync = typeof fs.readSync !== "function" ? fs.readSync : /* @__PURE__ */ (function(fs$readSync) {
        return function(fd, buffer, offset, length, position) {
          var eagCounter = 0;
          while (true) {
            try {
              return fs$readSync.call(fs, fd, buffer, offset, length, position);
            } catch (er) {
              if (er.code === "EAGAIN" && eagCounter < 10) {
                eagCounter++;
                continue;
              }
              throw er;
            }
          }
        };
      })(fs.readSync);
      function patchLchmod(fs2) {
        fs2.lchmod = function(path2, mode, callback) {
          fs2.open(
            path2,
            constants.O_WRONLY | constants.O_SYMLINK,
            mode,
            function(err, fd) {
              if (err) {
                if (callback) callback(err);
                return;
              }
              fs2.fchmod(fd, mode, function(err2) {
                fs2.close(fd, function(err22) {
                  if (callback) callback(err2 || err22);
                });
              });
            }
          );
        };
        fs2.lchmodSync = function(path2, mode) {
          var fd = fs2.openSync(path2, constants.O_WRONLY | constants.O_SYMLINK, mode);
          var threw = true;
          var ret;
          try {
            ret = fs2.fchmodSync(fd, mode);
            threw = false;
          } finally {
            if (threw) {
              try {
                fs2.closeSync(fd);
              } catch (er) {
              }
            } else {
              fs2.closeSync(fd);
            }
          }
          return ret;
        };
      }
      function patchLutimes(fs2) {
        if (constants.hasOwnProperty("O_SYMLINK") && fs2.futimes) {
          fs2.lutimes = function(path2, at, mt, cb) {
            fs2.open(path2, constants.O_SYMLINK, function(er, fd) {
              if (er) {
                if (cb) cb(er);
                return;
              }
              fs2.futimes(fd, at, mt, function(er2) {
                fs2.close(fd, function(er22) {
                  if (cb) cb(er2 || er22);
                });
              });
            });
          };
          fs2.lutimesSync = function(path2, at, mt) {
            var fd = fs2.openSync(path2, constants.O_SYMLINK);
            var ret;
            var threw = true;
            try {
              ret = fs2.futimesSync(fd, at, mt);
              threw = false;
            } finally {
              if (threw) {
                try {
                  fs2.closeSync(fd);
                } catch (er) {
                }
              } else {
                fs2.closeSync(fd);
              }
            }
            return ret;
          };
        } else if (fs2.futimes) {
          fs2.lutimes = function(_a, _b, _c, cb) {
            if (cb) process.nextTick(cb);
          };
          fs2.lutimesSync = function() {
          };
        }
      }
      function chmodFix(orig) {
        if (!orig) return orig;
        return function(target, mode, cb) {
          return orig.call(fs, target, mode, function(er) {
            if (chownErOk(er)) er = null;
            if (cb) cb.apply(this, arguments);
          });
        };
      }
      function chmodFixSync(orig) {
        if (!orig) return orig;
        return function(target, mode) {
          try {
            return orig.call(fs, target, mode);
          } catch (er) {
            if (!chownErOk(er)) throw er;
          }
        };
      }
      function chownFix(orig) {
        if (!orig) return orig;
        return function(target, uid, gid, cb) {
          return orig.call(fs, target, uid, gid, function(er) {
            if (chownErOk(er)) er = null;
            if (cb) cb.apply(this, arguments);
          });
        };
      }
      function chownFixSync(orig) {
        if (!orig) return orig;
        return function(target, uid, gid) {
          try {
            return orig.call(fs, target, uid, gid);
          } catch (er) {
            if (!chownErOk(er)) throw er;
          }
        };
      }
      function statFix(orig) {
        if (!orig) return orig;
        return function(target, options, cb) {
          if (typeof options === "function") {
            cb = options;
            options = null;
          }
          function callback(er, stats) {
            if (stats) {
              if (stats.uid < 0) stats.uid += 4294967296;
              if (stats.gid < 0) stats.gid += 4294967296;
            }
            if (cb) cb.apply(this, arguments);
          }
          return options ? orig.call(fs, target, options, callback) : orig.call(fs, target, callback);
        };
      }
      function statFixSync(orig) {
        if (!orig) return orig;
        return function(target, options) {
          var stats = options ? orig.call(fs, target, options) : orig.call(fs, target);
          if (stats) {
            if (stats.uid < 0) stats.uid += 4294967296;
            if (stats.gid < 0) stats.gid += 4294967296;
          }
          return stats;
        };
      }
      function chownErOk(er) {
        if (!er)
          return true;
        if (er.code === "ENOSYS")
          return true;
        var nonroot = !process.getuid || process.getuid() !== 0;
        if (nonroot) {
          if (er.code === "EINVAL" || er.code === "EPERM")
            return true;
        }
        return false;
      }
    }
  }
});

// node_modules/graceful-fs/legacy-streams.js
var require_legacy_streams = __commonJS({
  "node_modules/graceful-fs/legacy-streams.js"(exports, module) {
    var Stream = __require("stream").Stream;
    module.exports = legacy;
    function legacy(fs) {
      return {
        ReadStream,
        WriteStream
      };
      function ReadStream(path2, options) {
        if (!(this instanceof ReadStream)) return new ReadStream(path2, options);
        Stream.call(this);
        var self = this;
        this.path = path2;
        this.fd = null;
        this.readable = true;
        this.paused = false;
        this.flags = "r";
        this.mode = 438;
        this.bufferSize = 64 * 1024;
        options = options || {};
        var keys = Object.keys(options);
        for (var index = 0, length = keys.length; index < length; index++) {
          var key = keys[index];
          this[key] = options[key];
        }
        if (this.encoding) this.setEncoding(this.encoding);
        if (this.start !== void 0) {
          if ("number" !== typeof this.start) {
            throw TypeError("start must be a Number");
          }
          if (this.end === void 0) {
            this.end = Infinity;
          } else if ("number" !== typeof this.end) {
            throw TypeError("end must be a Number");
          }
          if (this.start > this.end) {
            throw new Error("start must be <= end");
          }
          this.pos = this.start;
        }
        if (this.fd !== null) {
          process.nextTick(function() {
            self._read();
          });
          return;
        }
        fs.open(this.path, this.flags, this.mode, function(err, fd) {
          if (err) {
            self.emit("error", err);
            self.readable = false;
            return;
          }
          self.fd = fd;
          self.emit("open", fd);
          self._read();
        });
      }
      function WriteStream(path2, options) {
        if (!(this instanceof WriteStream)) return new WriteStream(path2, options);
        Stream.call(this);
        this.path = path2;
        this.fd = null;
        this.writable = true;
        this.flags = "w";
        this.encoding = "binary";
        this.mode = 438;
        this.bytesWritten = 0;
        options = options || {};
        var keys = Object.keys(options);
        for (var index = 0, length = keys.length; index < length; index++) {
          var key = keys[index];
          this[key] = options[key];
        }
        if (this.start !== void 0) {
          if ("number" !== typeof this.start) {
            throw TypeError("start must be a Number");
          }
          if (this.start < 0) {
            throw new Error("start must be >= zero");
          }
          this.pos = this.start;
        }
        this.busy = false;
        this._queue = [];
        if (this.fd === null) {
          this._open = fs.open;
          this._queue.push([this._open, this.path, this.flags, this.mode, void 0]);
          this.flush();
        }
      }
    }
  }
});

// node_modules/graceful-fs/clone.js
var require_clone = __commonJS({
  "node_modules/graceful-fs/clone.js"(exports, module) {
    "use strict";
    module.exports = clone;
    var getPrototypeOf = Object.getPrototypeOf || function(obj) {
      return obj.__proto__;
    };
    function clone(obj) {
      if (obj === null || typeof obj !== "object")
        return obj;
      if (obj instanceof Object)
        var copy = { __proto__: getPrototypeOf(obj) };
      else
        var copy = /* @__PURE__ */ Object.create(null);
      Object.getOwnPropertyNames(obj).forEach(function(key) {
        Object.defineProperty(copy, key, Object.getOwnPropertyDescriptor(obj, key));
      });
      return copy;
    }
  }
});

// node_modules/graceful-fs/graceful-fs.js
var require_graceful_fs = __commonJS({
  "node_modules/graceful-fs/graceful-fs.js"(exports, module) {
    var fs = __require("fs");
    var polyfills = require_polyfills();
    var legacy = require_legacy_streams();
    var clone = require_clone();
    var util = __require("util");
    var gracefulQueue;
    var previousSymbol;
    if (typeof Symbol === "function" && typeof Symbol.for === "function") {
      gracefulQueue = /* @__PURE__ */ Symbol.for("graceful-fs.queue");
      previousSymbol = /* @__PURE__ */ Symbol.for("graceful-fs.previous");
    } else {
      gracefulQueue = "___graceful-fs.queue";
      previousSymbol = "___graceful-fs.previous";
    }
    function noop() {
    }
    function publishQueue(context, queue2) {
      Object.defineProperty(context, gracefulQueue, {
        get: function() {
          return queue2;
        }
      });
    }
    var debug = noop;
    if (util.debuglog)
      debug = util.debuglog("gfs4");
    else if (/\bgfs4\b/i.test(process.env.NODE_DEBUG || ""))
      debug = function() {
        var m = util.format.apply(util, arguments);
        m = "GFS4: " + m.split(/\n/).join("\nGFS4: ");
        console.error(m);
      };
    if (!fs[gracefulQueue]) {
      queue = global[gracefulQueue] || [];
      publishQueue(fs, queue);
      fs.close = (function(fs$close) {
        function close(fd, cb) {
          return fs$close.call(fs, fd, function(err) {
            if (!err) {
              resetQueue();
            }
            if (typeof cb === "function")
              cb.apply(this, arguments);
          });
        }
        Object.defineProperty(close, previousSymbol, {
          value: fs$close
        });
        return close;
      })(fs.close);
      fs.closeSync = (function(fs$closeSync) {
        function closeSync(fd) {
          fs$closeSync.apply(fs, arguments);
          resetQueue();
        }
        Object.defineProperty(closeSync, previousSymbol, {
          value: fs$closeSync
        });
        return closeSync;
      })(fs.closeSync);
      if (/\bgfs4\b/i.test(process.env.NODE_DEBUG || "")) {
        process.on("exit", function() {
          debug(fs[gracefulQueue]);
          __require("assert").equal(fs[gracefulQueue].length, 0);
        });
      }
    }
    var queue;
    if (!global[gracefulQueue]) {
      publishQueue(global, fs[gracefulQueue]);
    }
    module.exports = patch(clone(fs));
    if (process.env.TEST_GRACEFUL_FS_GLOBAL_PATCH && !fs.__patched) {
      module.exports = patch(fs);
      fs.__patched = true;
    }
    function patch(fs2) {
      polyfills(fs2);
      fs2.gracefulify = patch;
      fs2.createReadStream = createReadStream;
      fs2.createWriteStream = createWriteStream;
      var fs$readFile = fs2.readFile;
      fs2.readFile = readFile2;
      function readFile2(path2, options, cb) {
        if (typeof options === "function")
          cb = options, options = null;
        return go$readFile(path2, options, cb);
        function go$readFile(path3, options2, cb2, startTime) {
          return fs$readFile(path3, options2, function(err) {
            if (err && (err.code === "EMFILE" || err.code === "ENFILE"))
              enqueue([go$readFile, [path3, options2, cb2], err, startTime || Date.now(), Date.now()]);
            else {
              if (typeof cb2 === "function")
                cb2.apply(this, arguments);
            }
          });
        }
      }
      var fs$writeFile = fs2.writeFile;
      fs2.writeFile = writeFile2;
      function writeFile2(path2, data, options, cb) {
        if (typeof options === "function")
          cb = options, options = null;
        return go$writeFile(path2, data, options, cb);
        function go$writeFile(path3, data2, options2, cb2, startTime) {
          return fs$writeFile(path3, data2, options2, function(err) {
            if (err && (err.code === "EMFILE" || err.code === "ENFILE"))
              enqueue([go$writeFile, [path3, data2, options2, cb2], err, startTime || Date.now(), Date.now()]);
            else {
              if (typeof cb2 === "function")
                cb2.apply(this, arguments);
            }
          });
        }
      }
      var fs$appendFile = fs2.appendFile;
      if (fs$appendFile)
        fs2.appendFile = appendFile2;
      function appendFile2(path2, data, options, cb) {
        if (typeof options === "function")
          cb = options, options = null;
        return go$appendFile(path2, data, options, cb);
        function go$appendFile(path3, data2, options2, cb2, startTime) {
          return fs$appendFile(path3, data2, options2, function(err) {
            if (err && (err.code === "EMFILE" || err.code === "ENFILE"))
              enqueue([go$appendFile, [path3, data2, options2, cb2], err, startTime || Date.now(), Date.now()]);
            else {
              if (typeof cb2 === "function")
                cb2.apply(this, arguments);
            }
          });
        }
      }
      var fs$copyFile = fs2.copyFile;
      if (fs$copyFile)
        fs2.copyFile = copyFile;
      function copyFile(src, dest, flags, cb) {
        if (typeof flags === "function") {
          cb = flags;
          flags = 0;
        }
        return go$copyFile(src, dest, flags, cb);
        function go$copyFile(src2, dest2, flags2, cb2, startTime) {
          return fs$copyFile(src2, dest2, flags2, function(err) {
            if (err && (err.code === "EMFILE" || err.code === "ENFILE"))
              enqueue([go$copyFile, [src2, dest2, flags2, cb2], err, startTime || Date.now(), Date.now()]);
            else {
              if (typeof cb2 === "function")
                cb2.apply(this, arguments);
            }
          });
        }
      }
      var fs$readdir = fs2.readdir;
      fs2.readdir = readdir;
      var noReaddirOptionVersions = /^v[0-5]\./;
      function readdir(path2, options, cb) {
        if (typeof options === "function")
          cb = options, options = null;
        var go$readdir = noReaddirOptionVersions.test(process.version) ? function go$readdir2(path3, options2, cb2, startTime) {
          return fs$readdir(path3, fs$readdirCallback(
            path3,
            options2,
            cb2,
            startTime
          ));
        } : function go$readdir2(path3, options2, cb2, startTime) {
          return fs$readdir(path3, options2, fs$readdirCallback(
            path3,
            options2,
            cb2,
            startTime
          ));
        };
        return go$readdir(path2, options, cb);
        function fs$readdirCallback(path3, options2, cb2, startTime) {
          return function(err, files) {
            if (err && (err.code === "EMFILE" || err.code === "ENFILE"))
              enqueue([
                go$readdir,
                [path3, options2, cb2],
                err,
                startTime || Date.now(),
                Date.now()
              ]);
            else {
              if (files && files.sort)
                files.sort();
              if (typeof cb2 === "function")
                cb2.call(this, err, files);
            }
          };
        }
      }
      if (process.version.substr(0, 4) === "v0.8") {
        var legStreams = legacy(fs2);
        ReadStream = legStreams.ReadStream;
        WriteStream = legStreams.WriteStream;
      }
      var fs$ReadStream = fs2.ReadStream;
      if (fs$ReadStream) {
        ReadStream.prototype = Object.create(fs$ReadStream.prototype);
        ReadStream.prototype.open = ReadStream$open;
      }
      var fs$WriteStream = fs2.WriteStream;
      if (fs$WriteStream) {
        WriteStream.prototype = Object.create(fs$WriteStream.prototype);
        WriteStream.prototype.open = WriteStream$open;
      }
      Object.defineProperty(fs2, "ReadStream", {
        get: function() {
          return ReadStream;
        },
        set: function(val) {
          ReadStream = val;
        },
        enumerable: true,
        configurable: true
      });
      Object.defineProperty(fs2, "WriteStream", {
        get: function() {
          return WriteStream;
        },
        set: function(val) {
          WriteStream = val;
        },
        enumerable: true,
        configurable: true
      });
      var FileReadStream = ReadStream;
      Object.defineProperty(fs2, "FileReadStream", {
        get: function() {
          return FileReadStream;
        },
        set: function(val) {
          FileReadStream = val;
        },
        enumerable: true,
        configurable: true
      });
      var FileWriteStream = WriteStream;
      Object.defineProperty(fs2, "FileWriteStream", {
        get: function() {
          return FileWriteStream;
        },
        set: function(val) {
          FileWriteStream = val;
        },
        enumerable: true,
        configurable: true
      });
      function ReadStream(path2, options) {
        if (this instanceof ReadStream)
          return fs$ReadStream.apply(this, arguments), this;
        else
          return ReadStream.apply(Object.create(ReadStream.prototype), arguments);
      }
      function ReadStream$open() {
        var that = this;
        open2(that.path, that.flags, that.mode, function(err, fd) {
          if (err) {
            if (that.autoClose)
              that.destroy();
            that.emit("error", err);
          } else {
            that.fd = fd;
            that.emit("open", fd);
            that.read();
          }
        });
      }
      function WriteStream(path2, options) {
        if (this instanceof WriteStream)
          return fs$WriteStream.apply(this, arguments), this;
        else
          return WriteStream.apply(Object.create(WriteStream.prototype), arguments);
      }
      function WriteStream$open() {
        var that = this;
        open2(that.path, that.flags, that.mode, function(err, fd) {
          if (err) {
            that.destroy();
            that.emit("error", err);
          } else {
            that.fd = fd;
            that.emit("open", fd);
          }
        });
      }
      function createReadStream(path2, options) {
        return new fs2.ReadStream(path2, options);
      }
      function createWriteStream(path2, options) {
        return new fs2.WriteStream(path2, options);
      }
      var fs$open = fs2.open;
      fs2.open = open2;
      function open2(path2, flags, mode, cb) {
        if (typeof mode === "function")
          cb = mode, mode = null;
        return go$open(path2, flags, mode, cb);
        function go$open(path3, flags2, mode2, cb2, startTime) {
          return fs$open(path3, flags2, mode2, function(err, fd) {
            if (err && (err.code === "EMFILE" || err.code === "ENFILE"))
              enqueue([go$open, [path3, flags2, mode2, cb2], err, startTime || Date.now(), Date.now()]);
            else {
              if (typeof cb2 === "function")
                cb2.apply(this, arguments);
            }
          });
        }
      }
      return fs2;
    }
    function enqueue(elem) {
      debug("ENQUEUE", elem[0].name, elem[1]);
      fs[gracefulQueue].push(elem);
      retry();
    }
    var retryTimer;
    function resetQueue() {
      var now = Date.now();
      for (var i = 0; i < fs[gracefulQueue].length; ++i) {
        if (fs[gracefulQueue][i].length > 2) {
          fs[gracefulQueue][i][3] = now;
          fs[gracefulQueue][i][4] = now;
        }
      }
      retry();
    }
    function retry() {
      clearTimeout(retryTimer);
      retryTimer = void 0;
      if (fs[gracefulQueue].length === 0)
        return;
      var elem = fs[gracefulQueue].shift();
      var fn = elem[0];
      var args = elem[1];
      var err = elem[2];
      var startTime = elem[3];
      var lastTime = elem[4];
      if (startTime === void 0) {
        debug("RETRY", fn.name, args);
        fn.apply(null, args);
      } else if (Date.now() - startTime >= 6e4) {
        debug("TIMEOUT", fn.name, args);
        var cb = args.pop();
        if (typeof cb === "function")
          cb.call(null, err);
      } else {
        var sinceAttempt = Date.now() - lastTime;
        var sinceStart = Math.max(lastTime - startTime, 1);
        var desiredDelay = Math.min(sinceStart * 1.2, 100);
        if (sinceAttempt >= desiredDelay) {
          debug("RETRY", fn.name, args);
          fn.apply(null, args.concat([startTime]));
        } else {
          fs[gracefulQueue].push(elem);
        }
      }
      if (retryTimer === void 0) {
        retryTimer = setTimeout(retry, 0);
      }
    }
  }
});

// node_modules/retry/lib/retry_operation.js
var require_retry_operation = __commonJS({
  "node_modules/retry/lib/retry_operation.js"(exports, module) {
    function RetryOperation(timeouts, options) {
      if (typeof options === "boolean") {
        options = { forever: options };
      }
      this._originalTimeouts = JSON.parse(JSON.stringify(timeouts));
      this._timeouts = timeouts;
      this._options = options || {};
      this._maxRetryTime = options && options.maxRetryTime || Infinity;
      this._fn = null;
      this._errors = [];
      this._attempts = 1;
      this._operationTimeout = null;
      this._operationTimeoutCb = null;
      this._timeout = null;
      this._operationStart = null;
      if (this._options.forever) {
        this._cachedTimeouts = this._timeouts.slice(0);
      }
    }
    module.exports = RetryOperation;
    RetryOperation.prototype.reset = function() {
      this._attempts = 1;
      this._timeouts = this._originalTimeouts;
    };
    RetryOperation.prototype.stop = function() {
      if (this._timeout) {
        clearTimeout(this._timeout);
      }
      this._timeouts = [];
      this._cachedTimeouts = null;
    };
    RetryOperation.prototype.retry = function(err) {
      if (this._timeout) {
        clearTimeout(this._timeout);
      }
      if (!err) {
        return false;
      }
      var currentTime = (/* @__PURE__ */ new Date()).getTime();
      if (err && currentTime - this._operationStart >= this._maxRetryTime) {
        this._errors.unshift(new Error("RetryOperation timeout occurred"));
        return false;
      }
      this._errors.push(err);
      var timeout = this._timeouts.shift();
      if (timeout === void 0) {
        if (this._cachedTimeouts) {
          this._errors.splice(this._errors.length - 1, this._errors.length);
          this._timeouts = this._cachedTimeouts.slice(0);
          timeout = this._timeouts.shift();
        } else {
          return false;
        }
      }
      var self = this;
      var timer = setTimeout(function() {
        self._attempts++;
        if (self._operationTimeoutCb) {
          self._timeout = setTimeout(function() {
            self._operationTimeoutCb(self._attempts);
          }, self._operationTimeout);
          if (self._options.unref) {
            self._timeout.unref();
          }
        }
        self._fn(self._attempts);
      }, timeout);
      if (this._options.unref) {
        timer.unref();
      }
      return true;
    };
    RetryOperation.prototype.attempt = function(fn, timeoutOps) {
      this._fn = fn;
      if (timeoutOps) {
        if (timeoutOps.timeout) {
          this._operationTimeout = timeoutOps.timeout;
        }
        if (timeoutOps.cb) {
          this._operationTimeoutCb = timeoutOps.cb;
        }
      }
      var self = this;
      if (this._operationTimeoutCb) {
        this._timeout = setTimeout(function() {
          self._operationTimeoutCb();
        }, self._operationTimeout);
      }
      this._operationStart = (/* @__PURE__ */ new Date()).getTime();
      this._fn(this._attempts);
    };
    RetryOperation.prototype.try = function(fn) {
      console.log("Using RetryOperation.try() is deprecated");
      this.attempt(fn);
    };
    RetryOperation.prototype.start = function(fn) {
      console.log("Using RetryOperation.start() is deprecated");
      this.attempt(fn);
    };
    RetryOperation.prototype.start = RetryOperation.prototype.try;
    RetryOperation.prototype.errors = function() {
      return this._errors;
    };
    RetryOperation.prototype.attempts = function() {
      return this._attempts;
    };
    RetryOperation.prototype.mainError = function() {
      if (this._errors.length === 0) {
        return null;
      }
      var counts = {};
      var mainError = null;
      var mainErrorCount = 0;
      for (var i = 0; i < this._errors.length; i++) {
        var error = this._errors[i];
        var message = error.message;
        var count = (counts[message] || 0) + 1;
        counts[message] = count;
        if (count >= mainErrorCount) {
          mainError = error;
          mainErrorCount = count;
        }
      }
      return mainError;
    };
  }
});

// node_modules/retry/lib/retry.js
var require_retry = __commonJS({
  "node_modules/retry/lib/retry.js"(exports) {
    var RetryOperation = require_retry_operation();
    exports.operation = function(options) {
      var timeouts = exports.timeouts(options);
      return new RetryOperation(timeouts, {
        forever: options && options.forever,
        unref: options && options.unref,
        maxRetryTime: options && options.maxRetryTime
      });
    };
    exports.timeouts = function(options) {
      if (options instanceof Array) {
        return [].concat(options);
      }
      var opts = {
        retries: 10,
        factor: 2,
        minTimeout: 1 * 1e3,
        maxTimeout: Infinity,
        randomize: false
      };
      for (var key in options) {
        opts[key] = options[key];
      }
      if (opts.minTimeout > opts.maxTimeout) {
        throw new Error("minTimeout is greater than maxTimeout");
      }
      var timeouts = [];
      for (var i = 0; i < opts.retries; i++) {
        timeouts.push(this.createTimeout(i, opts));
      }
      if (options && options.forever && !timeouts.length) {
        timeouts.push(this.createTimeout(i, opts));
      }
      timeouts.sort(function(a, b) {
        return a - b;
      });
      return timeouts;
    };
    exports.createTimeout = function(attempt, opts) {
      var random = opts.randomize ? Math.random() + 1 : 1;
      var timeout = Math.round(random * opts.minTimeout * Math.pow(opts.factor, attempt));
      timeout = Math.min(timeout, opts.maxTimeout);
      return timeout;
    };
    exports.wrap = function(obj, options, methods) {
      if (options instanceof Array) {
        methods = options;
        options = null;
      }
      if (!methods) {
        methods = [];
        for (var key in obj) {
          if (typeof obj[key] === "function") {
            methods.push(key);
          }
        }
      }
      for (var i = 0; i < methods.length; i++) {
        var method = methods[i];
        var original = obj[method];
        obj[method] = function retryWrapper(original2) {
          var op = exports.operation(options);
          var args = Array.prototype.slice.call(arguments, 1);
          var callback = args.pop();
          args.push(function(err) {
            if (op.retry(err)) {
              return;
            }
            if (err) {
              arguments[0] = op.mainError();
            }
            callback.apply(this, arguments);
          });
          op.attempt(function() {
            original2.apply(obj, args);
          });
        }.bind(obj, original);
        obj[method].options = options;
      }
    };
  }
});

// node_modules/retry/index.js
var require_retry2 = __commonJS({
  "node_modules/retry/index.js"(exports, module) {
    module.exports = require_retry();
  }
});

// node_modules/signal-exit/signals.js
var require_signals = __commonJS({
  "node_modules/signal-exit/signals.js"(exports, module) {
    module.exports = [
      "SIGABRT",
      "SIGALRM",
      "SIGHUP",
      "SIGINT",
      "SIGTERM"
    ];
    if (process.platform !== "win32") {
      module.exports.push(
        "SIGVTALRM",
        "SIGXCPU",
        "SIGXFSZ",
        "SIGUSR2",
        "SIGTRAP",
        "SIGSYS",
        "SIGQUIT",
        "SIGIOT"
        // should detect profiler and enable/disable accordingly.
        // see #21
        // 'SIGPROF'
      );
    }
    if (process.platform === "linux") {
      module.exports.push(
        "SIGIO",
        "SIGPOLL",
        "SIGPWR",
        "SIGSTKFLT",
        "SIGUNUSED"
      );
    }
  }
});

// node_modules/signal-exit/index.js
var require_signal_exit = __commonJS({
  "node_modules/signal-exit/index.js"(exports, module) {
    var process2 = global.process;
    var processOk = function(process3) {
      return process3 && typeof process3 === "object" && typeof process3.removeListener === "function" && typeof process3.emit === "function" && typeof process3.reallyExit === "function" && typeof process3.listeners === "function" && typeof process3.kill === "function" && typeof process3.pid === "number" && typeof process3.on === "function";
    };
    if (!processOk(process2)) {
      module.exports = function() {
        return function() {
        };
      };
    } else {
      assert = __require("assert");
      signals = require_signals();
      isWin = /^win/i.test(process2.platform);
      EE = __require("events");
      if (typeof EE !== "function") {
        EE = EE.EventEmitter;
      }
      if (process2.__signal_exit_emitter__) {
        emitter = process2.__signal_exit_emitter__;
      } else {
        emitter = process2.__signal_exit_emitter__ = new EE();
        emitter.count = 0;
        emitter.emitted = {};
      }
      if (!emitter.infinite) {
        emitter.setMaxListeners(Infinity);
        emitter.infinite = true;
      }
      module.exports = function(cb, opts) {
        if (!processOk(global.process)) {
          return function() {
          };
        }
        assert.equal(typeof cb, "function", "a callback must be provided for exit handler");
        if (loaded === false) {
          load();
        }
        var ev = "exit";
        if (opts && opts.alwaysLast) {
          ev = "afterexit";
        }
        var remove = function() {
          emitter.removeListener(ev, cb);
          if (emitter.listeners("exit").length === 0 && emitter.listeners("afterexit").length === 0) {
            unload();
          }
        };
        emitter.on(ev, cb);
        return remove;
      };
      unload = function unload2() {
        if (!loaded || !processOk(global.process)) {
          return;
        }
        loaded = false;
        signals.forEach(function(sig) {
          try {
            process2.removeListener(sig, sigListeners[sig]);
          } catch (er) {
          }
        });
        process2.emit = originalProcessEmit;
        process2.reallyExit = originalProcessReallyExit;
        emitter.count -= 1;
      };
      module.exports.unload = unload;
      emit = function emit2(event, code, signal) {
        if (emitter.emitted[event]) {
          return;
        }
        emitter.emitted[event] = true;
        emitter.emit(event, code, signal);
      };
      sigListeners = {};
      signals.forEach(function(sig) {
        sigListeners[sig] = function listener() {
          if (!processOk(global.process)) {
            return;
          }
          var listeners = process2.listeners(sig);
          if (listeners.length === emitter.count) {
            unload();
            emit("exit", null, sig);
            emit("afterexit", null, sig);
            if (isWin && sig === "SIGHUP") {
              sig = "SIGINT";
            }
            process2.kill(process2.pid, sig);
          }
        };
      });
      module.exports.signals = function() {
        return signals;
      };
      loaded = false;
      load = function load2() {
        if (loaded || !processOk(global.process)) {
          return;
        }
        loaded = true;
        emitter.count += 1;
        signals = signals.filter(function(sig) {
          try {
            process2.on(sig, sigListeners[sig]);
            return true;
          } catch (er) {
            return false;
          }
        });
        process2.emit = processEmit;
        process2.reallyExit = processReallyExit;
      };
      module.exports.load = load;
      originalProcessReallyExit = process2.reallyExit;
      processReallyExit = function processReallyExit2(code) {
        if (!processOk(global.process)) {
          return;
        }
        process2.exitCode = code || /* istanbul ignore next */
        0;
        emit("exit", process2.exitCode, null);
        emit("afterexit", process2.exitCode, null);
        originalProcessReallyExit.call(process2, process2.exitCode);
      };
      originalProcessEmit = process2.emit;
      processEmit = function processEmit2(ev, arg) {
        if (ev === "exit" && processOk(global.process)) {
          if (arg !== void 0) {
            process2.exitCode = arg;
          }
          var ret = originalProcessEmit.apply(this, arguments);
          emit("exit", process2.exitCode, null);
          emit("afterexit", process2.exitCode, null);
          return ret;
        } else {
          return originalProcessEmit.apply(this, arguments);
        }
      };
    }
    var assert;
    var signals;
    var isWin;
    var EE;
    var emitter;
    var unload;
    var emit;
    var sigListeners;
    var loaded;
    var load;
    var originalProcessReallyExit;
    var processReallyExit;
    var originalProcessEmit;
    var processEmit;
  }
});

// node_modules/proper-lockfile/lib/mtime-precision.js
var require_mtime_precision = __commonJS({
  "node_modules/proper-lockfile/lib/mtime-precision.js"(exports, module) {
    "use strict";
    var cacheSymbol = /* @__PURE__ */ Symbol();
    function probe(file, fs, callback) {
      const cachedPrecision = fs[cacheSymbol];
      if (cachedPrecision) {
        return fs.stat(file, (err, stat) => {
          if (err) {
            return callback(err);
          }
          callback(null, stat.mtime, cachedPrecision);
        });
      }
      const mtime = new Date(Math.ceil(Date.now() / 1e3) * 1e3 + 5);
      fs.utimes(file, mtime, mtime, (err) => {
        if (err) {
          return callback(err);
        }
        fs.stat(file, (err2, stat) => {
          if (err2) {
            return callback(err2);
          }
          const precision = stat.mtime.getTime() % 1e3 === 0 ? "s" : "ms";
          Object.defineProperty(fs, cacheSymbol, { value: precision });
          callback(null, stat.mtime, precision);
        });
      });
    }
    function getMtime(precision) {
      let now = Date.now();
      if (precision === "s") {
        now = Math.ceil(now / 1e3) * 1e3;
      }
      return new Date(now);
    }
    module.exports.probe = probe;
    module.exports.getMtime = getMtime;
  }
});

// node_modules/proper-lockfile/lib/lockfile.js
var require_lockfile = __commonJS({
  "node_modules/proper-lockfile/lib/lockfile.js"(exports, module) {
    "use strict";
    var path2 = __require("path");
    var fs = require_graceful_fs();
    var retry = require_retry2();
    var onExit = require_signal_exit();
    var mtimePrecision = require_mtime_precision();
    var locks = {};
    function getLockFile(file, options) {
      return options.lockfilePath || `${file}.lock`;
    }
    function resolveCanonicalPath(file, options, callback) {
      if (!options.realpath) {
        return callback(null, path2.resolve(file));
      }
      options.fs.realpath(file, callback);
    }
    function acquireLock(file, options, callback) {
      const lockfilePath = getLockFile(file, options);
      options.fs.mkdir(lockfilePath, (err) => {
        if (!err) {
          return mtimePrecision.probe(lockfilePath, options.fs, (err2, mtime, mtimePrecision2) => {
            if (err2) {
              options.fs.rmdir(lockfilePath, () => {
              });
              return callback(err2);
            }
            callback(null, mtime, mtimePrecision2);
          });
        }
        if (err.code !== "EEXIST") {
          return callback(err);
        }
        if (options.stale <= 0) {
          return callback(Object.assign(new Error("Lock file is already being held"), { code: "ELOCKED", file }));
        }
        options.fs.stat(lockfilePath, (err2, stat) => {
          if (err2) {
            if (err2.code === "ENOENT") {
              return acquireLock(file, { ...options, stale: 0 }, callback);
            }
            return callback(err2);
          }
          if (!isLockStale(stat, options)) {
            return callback(Object.assign(new Error("Lock file is already being held"), { code: "ELOCKED", file }));
          }
          removeLock(file, options, (err3) => {
            if (err3) {
              return callback(err3);
            }
            acquireLock(file, { ...options, stale: 0 }, callback);
          });
        });
      });
    }
    function isLockStale(stat, options) {
      return stat.mtime.getTime() < Date.now() - options.stale;
    }
    function removeLock(file, options, callback) {
      options.fs.rmdir(getLockFile(file, options), (err) => {
        if (err && err.code !== "ENOENT") {
          return callback(err);
        }
        callback();
      });
    }
    function updateLock(file, options) {
      const lock2 = locks[file];
      if (lock2.updateTimeout) {
        return;
      }
      lock2.updateDelay = lock2.updateDelay || options.update;
      lock2.updateTimeout = setTimeout(() => {
        lock2.updateTimeout = null;
        options.fs.stat(lock2.lockfilePath, (err, stat) => {
          const isOverThreshold = lock2.lastUpdate + options.stale < Date.now();
          if (err) {
            if (err.code === "ENOENT" || isOverThreshold) {
              return setLockAsCompromised(file, lock2, Object.assign(err, { code: "ECOMPROMISED" }));
            }
            lock2.updateDelay = 1e3;
            return updateLock(file, options);
          }
          const isMtimeOurs = lock2.mtime.getTime() === stat.mtime.getTime();
          if (!isMtimeOurs) {
            return setLockAsCompromised(
              file,
              lock2,
              Object.assign(
                new Error("Unable to update lock within the stale threshold"),
                { code: "ECOMPROMISED" }
              )
            );
          }
          const mtime = mtimePrecision.getMtime(lock2.mtimePrecision);
          options.fs.utimes(lock2.lockfilePath, mtime, mtime, (err2) => {
            const isOverThreshold2 = lock2.lastUpdate + options.stale < Date.now();
            if (lock2.released) {
              return;
            }
            if (err2) {
              if (err2.code === "ENOENT" || isOverThreshold2) {
                return setLockAsCompromised(file, lock2, Object.assign(err2, { code: "ECOMPROMISED" }));
              }
              lock2.updateDelay = 1e3;
              return updateLock(file, options);
            }
            lock2.mtime = mtime;
            lock2.lastUpdate = Date.now();
            lock2.updateDelay = null;
            updateLock(file, options);
          });
        });
      }, lock2.updateDelay);
      if (lock2.updateTimeout.unref) {
        lock2.updateTimeout.unref();
      }
    }
    function setLockAsCompromised(file, lock2, err) {
      lock2.released = true;
      if (lock2.updateTimeout) {
        clearTimeout(lock2.updateTimeout);
      }
      if (locks[file] === lock2) {
        delete locks[file];
      }
      lock2.options.onCompromised(err);
    }
    function lock(file, options, callback) {
      options = {
        stale: 1e4,
        update: null,
        realpath: true,
        retries: 0,
        fs,
        onCompromised: (err) => {
          throw err;
        },
        ...options
      };
      options.retries = options.retries || 0;
      options.retries = typeof options.retries === "number" ? { retries: options.retries } : options.retries;
      options.stale = Math.max(options.stale || 0, 2e3);
      options.update = options.update == null ? options.stale / 2 : options.update || 0;
      options.update = Math.max(Math.min(options.update, options.stale / 2), 1e3);
      resolveCanonicalPath(file, options, (err, file2) => {
        if (err) {
          return callback(err);
        }
        const operation = retry.operation(options.retries);
        operation.attempt(() => {
          acquireLock(file2, options, (err2, mtime, mtimePrecision2) => {
            if (operation.retry(err2)) {
              return;
            }
            if (err2) {
              return callback(operation.mainError());
            }
            const lock2 = locks[file2] = {
              lockfilePath: getLockFile(file2, options),
              mtime,
              mtimePrecision: mtimePrecision2,
              options,
              lastUpdate: Date.now()
            };
            updateLock(file2, options);
            callback(null, (releasedCallback) => {
              if (lock2.released) {
                return releasedCallback && releasedCallback(Object.assign(new Error("Lock is already released"), { code: "ERELEASED" }));
              }
              unlock(file2, { ...options, realpath: false }, releasedCallback);
            });
          });
        });
      });
    }
    function unlock(file, options, callback) {
      options = {
        fs,
        realpath: true,
        ...options
      };
      resolveCanonicalPath(file, options, (err, file2) => {
        if (err) {
          return callback(err);
        }
        const lock2 = locks[file2];
        if (!lock2) {
          return callback(Object.assign(new Error("Lock is not acquired/owned by you"), { code: "ENOTACQUIRED" }));
        }
        lock2.updateTimeout && clearTimeout(lock2.updateTimeout);
        lock2.released = true;
        delete locks[file2];
        removeLock(file2, options, callback);
      });
    }
    function check(file, options, callback) {
      options = {
        stale: 1e4,
        realpath: true,
        fs,
        ...options
      };
      options.stale = Math.max(options.stale || 0, 2e3);
      resolveCanonicalPath(file, options, (err, file2) => {
        if (err) {
          return callback(err);
        }
        options.fs.stat(getLockFile(file2, options), (err2, stat) => {
          if (err2) {
            return err2.code === "ENOENT" ? callback(null, false) : callback(err2);
          }
          return callback(null, !isLockStale(stat, options));
        });
      });
    }
    function getLocks() {
      return locks;
    }
    onExit(() => {
      for (const file in locks) {
        const options = locks[file].options;
        try {
          options.fs.rmdirSync(getLockFile(file, options));
        } catch (e) {
        }
      }
    });
    module.exports.lock = lock;
    module.exports.unlock = unlock;
    module.exports.check = check;
    module.exports.getLocks = getLocks;
  }
});

// node_modules/proper-lockfile/lib/adapter.js
var require_adapter = __commonJS({
  "node_modules/proper-lockfile/lib/adapter.js"(exports, module) {
    "use strict";
    var fs = require_graceful_fs();
    function createSyncFs(fs2) {
      const methods = ["mkdir", "realpath", "stat", "rmdir", "utimes"];
      const newFs = { ...fs2 };
      methods.forEach((method) => {
        newFs[method] = (...args) => {
          const callback = args.pop();
          let ret;
          try {
            ret = fs2[`${method}Sync`](...args);
          } catch (err) {
            return callback(err);
          }
          callback(null, ret);
        };
      });
      return newFs;
    }
    function toPromise(method) {
      return (...args) => new Promise((resolve, reject) => {
        args.push((err, result) => {
          if (err) {
            reject(err);
          } else {
            resolve(result);
          }
        });
        method(...args);
      });
    }
    function toSync(method) {
      return (...args) => {
        let err;
        let result;
        args.push((_err, _result) => {
          err = _err;
          result = _result;
        });
        method(...args);
        if (err) {
          throw err;
        }
        return result;
      };
    }
    function toSyncOptions(options) {
      options = { ...options };
      options.fs = createSyncFs(options.fs || fs);
      if (typeof options.retries === "number" && options.retries > 0 || options.retries && typeof options.retries.retries === "number" && options.retries.retries > 0) {
        throw Object.assign(new Error("Cannot use retries with the sync api"), { code: "ESYNC" });
      }
      return options;
    }
    module.exports = {
      toPromise,
      toSync,
      toSyncOptions
    };
  }
});

// node_modules/proper-lockfile/index.js
var require_proper_lockfile = __commonJS({
  "node_modules/proper-lockfile/index.js"(exports, module) {
    "use strict";
    var lockfile2 = require_lockfile();
    var { toPromise, toSync, toSyncOptions } = require_adapter();
    async function lock(file, options) {
      const release = await toPromise(lockfile2.lock)(file, options);
      return toPromise(release);
    }
    function lockSync(file, options) {
      const release = toSync(lockfile2.lock)(file, toSyncOptions(options));
      return toSync(release);
    }
    function unlock(file, options) {
      return toPromise(lockfile2.unlock)(file, options);
    }
    function unlockSync(file, options) {
      return toSync(lockfile2.unlock)(file, toSyncOptions(options));
    }
    function check(file, options) {
      return toPromise(lockfile2.check)(file, options);
    }
    function checkSync(file, options) {
      return toSync(lockfile2.check)(file, toSyncOptions(options));
    }
    module.exports = lock;
    module.exports.lock = lock;
    module.exports.unlock = unlock;
    module.exports.lockSync = lockSync;
    module.exports.unlockSync = unlockSync;
    module.exports.check = check;
    module.exports.checkSync = checkSync;
  }
});

// src/cli/audit-command.ts
import path from "node:path";

// src/llm/chat-completions.ts
var OPENAI_BASE_URL = "https://api.openai.com/v1";
var TransientError = class extends Error {
  constructor(message, status, retryAfterMs2, unreachable = false) {
    super(message);
    this.status = status;
    this.retryAfterMs = retryAfterMs2;
    this.unreachable = unreachable;
  }
  status;
  retryAfterMs;
  unreachable;
};
var UNREACHABLE_CODES = {
  ECONNREFUSED: "connection refused",
  ENOTFOUND: "host not found",
  EAI_AGAIN: "host name lookup failed",
  EHOSTUNREACH: "host unreachable",
  ENETUNREACH: "network unreachable"
};
function networkFailure(error, url, timeoutMs) {
  const e = error ?? {};
  if (e.name === "TimeoutError" || e.name === "AbortError") return new TransientError(`no answer from ${new URL(url).host} within ${Math.round(timeoutMs / 1e3)} s`);
  const code = typeof e.cause?.code === "string" ? e.cause.code : void 0;
  const host = new URL(url).host;
  if (code !== void 0 && code in UNREACHABLE_CODES) {
    return new TransientError(`could not connect to ${host} (${UNREACHABLE_CODES[code]}): check audit.llm.base-url (or OPENAI_BASE_URL) and that the server is running`, void 0, void 0, true);
  }
  if (code === "ECONNRESET" || code === "UND_ERR_SOCKET") return new TransientError(`the connection to ${host} was closed before an answer`);
  const cause = typeof e.cause?.message === "string" ? `: ${e.cause.message}` : "";
  return new TransientError(sanitizeText(`${typeof e.message === "string" ? e.message : String(error)}${cause} (${host})`, { multiline: false, maxLength: MAX_ERROR_CHARS }));
}
var FinalError = class extends Error {
  constructor(message, status) {
    super(message);
    this.status = status;
  }
  status;
};
var MAX_ERROR_CHARS = 300;
function chatCompletionsUrl(baseUrl) {
  return `${baseUrl.replace(/\/+$/, "")}/chat/completions`;
}
function retryAfterMs(headers, now = Date.now()) {
  const ms = headers.get("retry-after-ms");
  if (ms !== null && /^\d+(\.\d+)?$/.test(ms.trim())) return Number(ms);
  const value = headers.get("retry-after");
  if (value === null) return void 0;
  if (/^\d+(\.\d+)?$/.test(value.trim())) return Number(value) * 1e3;
  const date = Date.parse(value);
  return Number.isFinite(date) ? Math.max(0, date - now) : void 0;
}
async function errorText(response) {
  let text = "";
  try {
    text = await response.text();
  } catch {
    return response.statusText || "no body";
  }
  try {
    const body = JSON.parse(text);
    const message = typeof body.error === "string" ? body.error : body.error?.message ?? body.message;
    if (typeof message === "string" && message !== "") text = message;
  } catch {
  }
  text = sanitizeText(text, { multiline: false }).replace(/\s+/g, " ").trim() || response.statusText || "no body";
  return text.length > MAX_ERROR_CHARS ? `${text.slice(0, MAX_ERROR_CHARS - 1)}…` : text;
}
function replyOf(body) {
  const choice = body?.choices?.[0];
  if (!choice || typeof choice !== "object") return { ok: false, message: "the reply has no choices" };
  const content = choice.message?.content;
  const outcome = { ok: true, content: typeof content === "string" ? content : null };
  if (typeof choice.finish_reason === "string") outcome.finishReason = choice.finish_reason;
  if (typeof choice.message?.refusal === "string" && choice.message.refusal !== "") outcome.refusal = choice.message.refusal;
  return outcome;
}
function createChatClient(options) {
  const url = chatCompletionsUrl(options.baseUrl);
  const doFetch = options.fetch ?? fetch;
  const sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
  const random = options.random ?? Math.random;
  const retries = options.retries ?? 3;
  const timeoutMs = options.timeoutMs ?? 12e4;
  const baseDelayMs = options.baseDelayMs ?? 1e3;
  const maxRetryAfterMs = options.maxRetryAfterMs ?? 6e4;
  const headers = { "content-type": "application/json", "user-agent": `reliability-loop/${VERSION}` };
  if (options.apiKey !== void 0 && options.apiKey !== "") headers.authorization = `Bearer ${options.apiKey}`;
  const attempt = async (request) => {
    let response;
    try {
      response = await doFetch(url, { method: "POST", headers, body: JSON.stringify(request), signal: AbortSignal.timeout(timeoutMs) });
    } catch (error) {
      throw networkFailure(error, url, timeoutMs);
    }
    if (response.status === 429 || response.status >= 500) {
      const wait = retryAfterMs(response.headers);
      const message = await errorText(response);
      if (wait !== void 0 && wait > maxRetryAfterMs) {
        throw new AbortError(new FinalError(`${message} (the server asks to wait ${Math.ceil(wait / 1e3)} s, longer than the ${Math.round(maxRetryAfterMs / 1e3)} s this run waits)`, response.status));
      }
      throw new TransientError(message, response.status, wait);
    }
    if (!response.ok) throw new AbortError(new FinalError(await errorText(response), response.status));
    let body;
    try {
      body = await response.json();
    } catch (error) {
      throw new AbortError(new FinalError(`the reply is not JSON: ${errorMessage(error)}`, response.status));
    }
    return replyOf(body);
  };
  return async (request) => {
    try {
      return await pRetry(() => attempt(request), {
        retries,
        // The waiting is done in onFailedAttempt, where Retry-After is known.
        minTimeout: 0,
        maxTimeout: 0,
        onFailedAttempt: async ({ error, attemptNumber, retriesLeft }) => {
          if (retriesLeft <= 0 || !(error instanceof TransientError)) return;
          const backoff = baseDelayMs * 2 ** (attemptNumber - 1) * (0.5 + random());
          const delayMs = Math.round(error.retryAfterMs ?? backoff);
          options.onRetry?.({ attempt: attemptNumber, delayMs, reason: error.status === void 0 ? error.message : `${error.status}: ${error.message}` });
          await sleep(delayMs);
        }
      });
    } catch (error) {
      const status = error instanceof TransientError || error instanceof FinalError ? error.status : void 0;
      const outcome = { ok: false, message: errorMessage(error) };
      if (status !== void 0) outcome.status = status;
      if (error instanceof TransientError && error.unreachable) outcome.unreachable = true;
      return outcome;
    }
  };
}

// src/audit/llm-settings.ts
function llmEndpoint(config, env, given = {}) {
  const nonEmpty = (v) => v !== void 0 && v.trim() !== "" ? v.trim() : void 0;
  const baseUrl = nonEmpty(given.baseUrl) ?? config.llm.baseUrl ?? nonEmpty(env.OPENAI_BASE_URL) ?? OPENAI_BASE_URL;
  if (!/^https?:\/\/[^/\s]+/i.test(baseUrl)) {
    throw new ConfigError({ file: "OPENAI_BASE_URL", key: "audit.llm.base-url", message: `"${baseUrl}" is not an http:// or https:// URL` });
  }
  const apiKey = nonEmpty(given.apiKey) ?? nonEmpty(env[config.llm.apiKeyEnv]);
  if (apiKey === void 0 && new URL(baseUrl).hostname === "api.openai.com") {
    throw new ConfigError({
      file: config.llm.apiKeyEnv,
      key: "audit.llm.api-key-env",
      message: `the llm scorer needs an API key for ${baseUrl}: set the ${config.llm.apiKeyEnv} environment variable (in the Action, the openai-api-key input from a secret)`
    });
  }
  return apiKey === void 0 ? { baseUrl } : { baseUrl, apiKey };
}

// src/audit/llm-scorer.ts
var import_ajv = __toESM(require_ajv(), 1);

// src/audit/rubric.ts
import { createHash } from "node:crypto";
function rubricVersion(rubric) {
  if (rubric.version !== void 0) return rubric.version;
  const canonical = rubric.dimensions.map((d) => ({
    name: d.name,
    description: d.description,
    scale: d.scale,
    threshold: d.threshold,
    rules: d.rules,
    defaultScore: d.defaultScore ?? null
  }));
  return `auto-${createHash("sha256").update(JSON.stringify(canonical)).digest("hex").slice(0, 12)}`;
}
function withScorer(dimensions, scorer) {
  return dimensions.map((d) => scorer === void 0 ? d : { ...d, scorer });
}
function passes(dimension, score) {
  return score !== null && score >= dimension.threshold;
}
function normalised(dimension, score) {
  const { min, max } = scaleBounds(dimension.scale);
  return (score - min) / (max - min);
}
function isOnScale(dimension, score) {
  const { min, max, integer } = scaleBounds(dimension.scale);
  return Number.isFinite(score) && score >= min && score <= max && (!integer || Number.isInteger(score));
}
function describeScale(dimension) {
  return dimension.scale === "1-5" ? "a whole number from 1 (worst) to 5 (best)" : "a number from 0 (worst) to 1 (best)";
}

// src/audit/scores.ts
function scored(score, reason) {
  return { score, reason, state: "scored", final: true };
}
function failed(reason, final) {
  return { score: null, reason, state: "failed", final };
}
function pending(reason) {
  return { score: null, reason, state: "pending", final: false };
}
function snippet(text, max = 120) {
  const flat = text.replace(/\s+/g, " ").trim();
  return JSON.stringify(flat.length > max ? `${flat.slice(0, max - 1)}…` : flat);
}

// src/audit/llm-scorer.ts
var MAX_REASON_CHARS = 2e3;
var RESPONSE_SCHEMA_NAME = "audit_scores";
function replySchema(dimensions, withBounds) {
  const properties = {};
  for (const d of dimensions) {
    const { min, max, integer } = scaleBounds(d.scale);
    properties[d.name] = {
      type: "object",
      additionalProperties: false,
      required: ["score", "reason"],
      properties: {
        score: {
          type: integer ? "integer" : "number",
          description: `${d.description} Score: ${describeScale(d)}.`,
          ...withBounds ? { minimum: min, maximum: max } : {}
        },
        reason: { type: "string", description: "One or two sentences of evidence, citing line numbers." }
      }
    };
  }
  return { type: "object", additionalProperties: false, required: dimensions.map((d) => d.name), properties };
}
function rubricText(dimensions) {
  return dimensions.map((d) => `- ${d.name}: ${d.description} Score ${describeScale(d)}; a transcript passes at ${d.threshold} or above.`).join("\n");
}
function buildRequest(dimensions, transcript, model, format) {
  const shape = `{${dimensions.map((d) => `"${d.name}": {"score": <number>, "reason": "<text>"}`).join(", ")}}`;
  let system = `You audit transcripts of an AI agent in production against a rubric. Judge only from the transcript. For each dimension give a score on its scale and a short reason citing line numbers. Reply with a JSON object only, exactly in this shape: ${shape}.`;
  if (format === "json_object") system += `
The JSON must match this JSON Schema: ${JSON.stringify(replySchema(dimensions, true))}`;
  const left = transcript.omitted > 0 ? `; ${transcript.omitted} events from the middle are left out to fit` : "";
  const user = `Rubric:
${rubricText(dimensions)}

Transcript ${transcript.path} (${transcript.events} events${left}):
${transcript.text}`;
  const response_format = format === "json_schema" ? { type: "json_schema", json_schema: { name: RESPONSE_SCHEMA_NAME, strict: true, schema: replySchema(dimensions, false) } } : { type: "json_object" };
  return {
    model,
    messages: [
      { role: "system", content: system },
      { role: "user", content: user }
    ],
    temperature: 0,
    response_format
  };
}
function unfenced(content) {
  const m = /^\s*```(?:json)?\s*\n?([\s\S]*?)\n?\s*```\s*$/i.exec(content);
  return m?.[1] ?? content;
}
function replyValidator(dimensions) {
  const ajv = new import_ajv.Ajv({ allErrors: true, strict: false });
  const schema = replySchema(dimensions, true);
  const byDimension = /* @__PURE__ */ new Map();
  for (const d of dimensions) byDimension.set(d.name, ajv.compile(schema.properties[d.name] ?? {}));
  return { dimensions, byDimension };
}
function parseReply(content, validator, notes = {}) {
  const all = (reason) => Object.fromEntries(validator.dimensions.map((d) => [d.name, failed(reason, true)]));
  if (notes.refusal) return all(`the model refused: ${sanitizeText(notes.refusal, { multiline: false, maxLength: 200 })}`);
  if (content === null || content.trim() === "") return all("the model sent an empty reply");
  let reply;
  try {
    reply = JSON.parse(unfenced(content));
  } catch (error) {
    const cutShort = notes.finishReason === "length" ? " (it was cut off at the token limit)" : "";
    return all(`the model's reply is not JSON${cutShort}: ${error instanceof Error ? error.message.slice(0, 120) : String(error)}`);
  }
  if (reply === null || typeof reply !== "object" || Array.isArray(reply)) return all("the model's reply is not a JSON object");
  const out = {};
  for (const d of validator.dimensions) {
    const part = reply[d.name];
    if (part === void 0) {
      out[d.name] = failed(`the model's reply has no score for ${d.name}`, true);
      continue;
    }
    const validate = validator.byDimension.get(d.name);
    if (!validate || !validate(part)) {
      const why = (validate?.errors ?? []).map((e) => `${e.instancePath.replace(/^\//, "") || d.name} ${e.message ?? "is invalid"}`).join("; ");
      out[d.name] = failed(`the model's reply for ${d.name} is invalid: ${why}`, true);
      continue;
    }
    const { score, reason } = part;
    const said = sanitizeText(reason, { maxLength: MAX_REASON_CHARS }).trim();
    out[d.name] = scored(score, said === "" ? "(the model gave no reason)" : said);
  }
  return out;
}
var FATAL_STATUSES = /* @__PURE__ */ new Set([401, 403, 404]);
function refusedCredentials(stop) {
  return stop?.status === 401 || stop?.status === 403;
}
function createLlmScorer(dimensions, options) {
  const validator = replyValidator(dimensions);
  let format = "json_schema";
  let stopped;
  const notFinal = (reason) => Object.fromEntries(dimensions.map((d) => [d.name, failed(reason, false)]));
  return {
    dimensions,
    async score(transcript) {
      if (stopped !== void 0) return notFinal(`not scored: ${stopped.message}`);
      const asked = format;
      let outcome = await options.complete(buildRequest(dimensions, transcript, options.model, asked));
      if (!outcome.ok && outcome.status === 400 && asked === "json_schema") {
        format = "json_object";
        outcome = await options.complete(buildRequest(dimensions, transcript, options.model, "json_object"));
      }
      if (!outcome.ok) {
        const what = `the model endpoint failed${outcome.status === void 0 ? "" : ` (${outcome.status})`}: ${outcome.message}`;
        if (outcome.status !== void 0 && FATAL_STATUSES.has(outcome.status) || outcome.unreachable) {
          stopped ??= { ...outcome.status !== void 0 && { status: outcome.status }, message: what, detail: outcome.message };
        }
        return notFinal(`not scored: ${what}`);
      }
      return parseReply(outcome.content, validator, {
        ...outcome.finishReason !== void 0 && { finishReason: outcome.finishReason },
        ...outcome.refusal !== void 0 && { refusal: outcome.refusal }
      });
    },
    stoppedBy: () => stopped
  };
}

// src/audit/outcome.ts
var NAMED_UNSCORED = 3;
function unscoredText(input) {
  const { transcripts, allowed } = input.unscored;
  const named = transcripts.slice(0, NAMED_UNSCORED).map((t) => `${t.transcript}: ${t.reason}`);
  const more = transcripts.length > NAMED_UNSCORED ? `; and ${transcripts.length - NAMED_UNSCORED} more` : "";
  const noun = input.sampledCount === 1 ? "transcript" : "transcripts";
  return `${transcripts.length} of ${input.sampledCount} sampled ${noun} ${transcripts.length === 1 ? "was" : "were"} not scored (audit.max-unscored allows ${allowed}): ${named.join("; ")}${more}`;
}
function auditOutcome(input) {
  const stop = input.llm?.stoppedBy;
  const unscored = input.unscored.transcripts.length;
  if (stop !== void 0 && refusedCredentials(stop)) {
    const were = `${unscored} of ${input.sampledCount} sampled transcripts ${unscored === 1 ? "was" : "were"} not scored`;
    return { kind: "credentials-refused", message: `the model endpoint refused the credentials (${stop.status}: ${stop.detail}); ${were}` };
  }
  if (unscored > input.unscored.allowed) return { kind: "unscored", message: unscoredText(input) };
  const warning = unscored > 0 ? { warning: unscoredText(input) } : {};
  if (input.breaches.length > 0) {
    const list = input.breaches.map((b) => `${b.dimension.name} passes ${b.passRate === null ? "–" : `${Math.round(b.passRate * 100)}%`}`).join(", ");
    return { kind: "below", message: `below --fail-below ${input.failBelow}: ${list}`, ...warning };
  }
  return { kind: "ok", ...warning };
}

// src/audit/period.ts
var PERIOD_PATTERN = /^(\d{4})-(0[1-9]|1[0-2])$/;
function isPeriod(text) {
  return PERIOD_PATTERN.test(text);
}
function previousPeriod(now) {
  const year = now.getUTCFullYear();
  const month = now.getUTCMonth();
  return month === 0 ? `${year - 1}-12` : `${year}-${String(month).padStart(2, "0")}`;
}
function dateOfTimestamp(value) {
  let ms;
  if (typeof value === "string") {
    if (!/^\d{4}-\d{2}-\d{2}/.test(value.trim())) return void 0;
    ms = Date.parse(value.trim());
  } else if (typeof value === "number" && Number.isFinite(value) && value > 0) {
    ms = value < 1e11 ? value * 1e3 : value;
  } else return void 0;
  if (!Number.isFinite(ms)) return void 0;
  const iso = new Date(ms).toISOString();
  return { period: iso.slice(0, 7), day: iso.slice(0, 10) };
}
var PATH_DATE = /(?<![0-9])((?:19|20)\d{2})[-_/.]?(0[1-9]|1[0-2])(?:[-_/.]?(0[1-9]|[12]\d|3[01]))?(?![0-9])/g;
function dateInPath(path2) {
  let found;
  for (const m of path2.matchAll(PATH_DATE)) {
    const period2 = `${m[1]}-${m[2]}`;
    found = m[3] === void 0 ? { period: period2 } : { period: period2, day: `${period2}-${m[3]}` };
  }
  return found;
}

// src/io/node-audit-adapters.ts
import { appendFile, mkdir as mkdir2, open, readFile, writeFile } from "node:fs/promises";
import { dirname as dirname2, join as join2 } from "node:path";

// src/io/audit-worker-pool.ts
import { existsSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";

// src/audit/fields.ts
function isEventObject(value) {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}
function fieldPath(name) {
  return { name, segments: name.split(".") };
}
function resolveField(name, fields) {
  const configured = fields[name];
  return fieldPath(Object.prototype.hasOwnProperty.call(fields, name) && configured !== void 0 ? configured : name);
}
function readField(event, path2) {
  if (Object.prototype.hasOwnProperty.call(event, path2.name)) return event[path2.name];
  if (path2.segments.length < 2) return void 0;
  let node = event;
  for (const segment of path2.segments) {
    if (!isEventObject(node) || !Object.prototype.hasOwnProperty.call(node, segment)) return void 0;
    node = node[segment];
  }
  return node;
}
function fieldText(value) {
  if (value === void 0 || value === null) return void 0;
  if (typeof value === "string") return value;
  return JSON.stringify(value);
}
function fieldNeedle(path2) {
  return JSON.stringify(path2.segments[path2.segments.length - 1] ?? path2.name).slice(1);
}

// src/audit/scan.ts
function createScanner(options) {
  const tsPath = resolveField("ts", options.fields);
  const agentPath = resolveField("agent", options.fields);
  const notesPath = resolveField("notes", options.fields);
  const flaggedBy = (event) => {
    const text = fieldText(readField(event, notesPath));
    return text !== void 0 && options.flagged !== void 0 && options.flagged.test(text);
  };
  const result = { flagged: false };
  return {
    needle: fieldNeedle(notesPath),
    first(event) {
      const fromEvent = event === void 0 ? void 0 : dateOfTimestamp(readField(event, tsPath));
      const date = fromEvent ?? dateInPath(options.path);
      if (date !== void 0) {
        result.date = date;
        result.dateFrom = fromEvent !== void 0 ? "event" : "path";
      }
      const agent = event === void 0 ? void 0 : fieldText(readField(event, agentPath));
      if (agent !== void 0) result.agent = agent;
      if (event === void 0 || result.date?.period !== options.period || options.flagged === void 0) return true;
      return this.next(event);
    },
    next(event) {
      if (!flaggedBy(event)) return false;
      result.flagged = true;
      return true;
    },
    result: () => result
  };
}

// src/io/transcript-scan.ts
var LF = 10;
var QUOTE = 34;
function firstObject(bytes, pos, end, bomPossible, maxLineBytes) {
  let atStart = bomPossible;
  while (pos < end) {
    const nl = bytes.indexOf(LF, pos);
    const lineEnd = nl === -1 || nl >= end ? end : nl;
    const bom = atStart && bytes[pos] === 239 && bytes[pos + 1] === 187 && bytes[pos + 2] === 191;
    atStart = false;
    const parsed = parseLine(bytes, bom ? pos + 3 : pos, lineEnd, { maxLineBytes });
    pos = lineEnd + 1;
    if (parsed !== void 0 && isEventObject(parsed.value)) return { event: parsed.value, pos };
  }
  return { pos };
}
async function scanTranscriptBytes(source, options) {
  const scanner = createScanner(options);
  const needle = Buffer.from(scanner.needle);
  let started = false;
  let firstLine = true;
  for await (const segment of lineSegments(source, { maxLineBytes: options.maxLineBytes })) {
    if (segment.kind === "failed") break;
    if (segment.kind === "oversized") {
      firstLine = false;
      continue;
    }
    const { bytes, end } = segment;
    let pos = segment.start;
    if (!started) {
      const found = firstObject(bytes, pos, end, firstLine, options.maxLineBytes);
      firstLine = false;
      pos = found.pos;
      if (found.event === void 0) continue;
      started = true;
      if (scanner.first(found.event)) return scanner.result();
    }
    while (pos < end) {
      const hit = bytes.indexOf(needle, pos);
      if (hit === -1 || hit >= end) break;
      if (hit === 0 || bytes[hit - 1] !== QUOTE) {
        pos = hit + 1;
        continue;
      }
      const lineStart = Math.max(segment.start, bytes.lastIndexOf(LF, hit) + 1);
      const nl = bytes.indexOf(LF, hit);
      const lineEnd = nl === -1 || nl >= end ? end : nl;
      const parsed = parseLine(bytes, lineStart, lineEnd, { maxLineBytes: options.maxLineBytes });
      if (parsed !== void 0 && isEventObject(parsed.value) && scanner.next(parsed.value)) return scanner.result();
      pos = lineEnd + 1;
    }
  }
  if (!started) scanner.first(void 0);
  return scanner.result();
}

// src/io/audit-worker-pool.ts
var MIN_TRANSCRIPTS_TO_SCAN_ON_WORKERS = 1e3;
var MIN_TRANSCRIPTS_TO_READ_ON_WORKERS = 100;
var SCAN_BATCH = 100;
var READ_BATCH = 5;
var LOCAL_SHARE = 5;
var WORKER_LIMITS = { maxYoungGenerationSizeMb: 8, maxOldGenerationSizeMb: 192 };
function workerScript() {
  const url = new URL("./audit-worker.js", import.meta.url);
  return url.protocol === "file:" && existsSync(fileURLToPath(url)) ? url : void 0;
}
var nextTurn = () => new Promise((resolve) => setImmediate(resolve));
async function runOnWorkers(root, options, job) {
  const { paths, minimum, batchSize, task, local, onProgress } = job;
  const script = options.script ?? workerScript();
  const cores = options.cores ?? coreCount();
  if (!script || paths.length < minimum || cores < 2) return void 0;
  const results = new Array(paths.length);
  let next = 0;
  let done = 0;
  const take = (size) => {
    if (next >= paths.length) return void 0;
    const range = [next, Math.min(next + size, paths.length)];
    next = range[1];
    return range;
  };
  const store = (start, batch) => {
    batch.forEach((result, i) => results[start + i] = result);
    done += batch.length;
    onProgress?.(done);
  };
  const workers = Array.from({ length: Math.min(local ? cores - 1 : cores, Math.ceil(paths.length / batchSize)) }, () => new Worker(script, { workerData: { root }, resourceLimits: WORKER_LIMITS }));
  const onWorker = (worker) => new Promise((resolve, reject) => {
    let range;
    const feed = () => {
      range = take(batchSize);
      if (range === void 0) resolve();
      else worker.postMessage(task(paths.slice(range[0], range[1])));
    };
    worker.on("message", (batch) => {
      if (range) store(range[0], batch);
      feed();
    });
    worker.once("error", reject);
    worker.once("exit", (code) => range === void 0 ? resolve() : reject(new Error(`audit worker exited with code ${code}`)));
    feed();
  });
  const onThisThread = async () => {
    if (local === void 0) return;
    for (let range = take(Math.max(1, Math.floor(batchSize / LOCAL_SHARE))); range !== void 0; range = take(Math.max(1, Math.floor(batchSize / LOCAL_SHARE)))) {
      const batch = [];
      for (const path2 of paths.slice(range[0], range[1])) batch.push(await local(path2));
      store(range[0], batch);
      await nextTurn();
    }
  };
  try {
    await Promise.all([...workers.map(onWorker), onThisThread()]);
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
  return results;
}
function auditWorkerPool(root, options = {}) {
  const source = (path2) => ndjsonFileSource(join(root, path2));
  return {
    scan(request, onProgress) {
      const flagged = request.flagged;
      const scanOptions = { fields: request.fields, maxLineBytes: request.maxLineBytes, period: request.period, ...flagged !== void 0 && { flagged } };
      return runOnWorkers(root, options, {
        paths: request.paths,
        minimum: MIN_TRANSCRIPTS_TO_SCAN_ON_WORKERS,
        batchSize: SCAN_BATCH,
        task: (paths) => ({
          kind: "scan",
          paths,
          fields: request.fields,
          maxLineBytes: request.maxLineBytes,
          period: request.period,
          ...flagged !== void 0 && { flagged: { source: flagged.source, flags: flagged.flags } }
        }),
        local: (path2) => scanTranscriptBytes(source(path2), { ...scanOptions, path: path2 }),
        onProgress
      });
    },
    // Parsing every event makes garbage; on this thread, which keeps every result, it would grow the heap
    // that has to hold the report. So reading is left to the workers, whose heaps are capped.
    read(request, onProgress) {
      return runOnWorkers(root, options, {
        paths: request.paths,
        minimum: MIN_TRANSCRIPTS_TO_READ_ON_WORKERS,
        batchSize: READ_BATCH,
        task: (paths) => ({ kind: "read", paths, fields: request.fields, maxLineBytes: request.maxLineBytes, rules: request.rules }),
        local: void 0,
        onProgress
      });
    }
  };
}

// src/io/file-lock.ts
var import_proper_lockfile = __toESM(require_proper_lockfile(), 1);
import { mkdir } from "node:fs/promises";
import { dirname } from "node:path";
async function lockFile(file, options = {}) {
  const staleMs = options.staleMs ?? 1e4;
  const waitMs = options.waitMs ?? 6e4;
  await mkdir(dirname(file), { recursive: true });
  let compromised;
  let release;
  try {
    release = await import_proper_lockfile.default.lock(file, {
      realpath: false,
      stale: staleMs,
      update: Math.floor(staleMs / 2),
      // About waitMs in all: waits of 50 ms growing to 1 s.
      retries: { retries: Math.ceil(waitMs / 1e3) + 5, factor: 1.5, minTimeout: 50, maxTimeout: 1e3 },
      // Without a handler proper-lockfile throws from a timer; the release reports it instead.
      onCompromised: (error) => {
        compromised = error;
      }
    });
  } catch (error) {
    if (error.code === "ELOCKED") {
      throw new Error(`${file} is locked by another run (${file}.lock) for over ${Math.round(waitMs / 1e3)} s; if no other run is writing it, remove ${file}.lock and run again`);
    }
    throw error;
  }
  return async () => {
    await release().catch((error) => {
      compromised ??= error;
    });
    if (compromised !== void 0) throw new Error(`the lock on ${file} was lost while it was held (${compromised.message}); check ${file} for duplicate records`);
  };
}

// src/io/transcript-lines.ts
import { createHash as createHash2 } from "node:crypto";
async function* hashed(source, hash) {
  for await (const chunk of source) {
    hash.update(chunk);
    yield chunk;
  }
}
function transcriptLines(source, maxLineBytes) {
  const hash = createHash2("sha256");
  let digest;
  return {
    batches: readNdjsonBatches(hashed(source, hash), { maxLineBytes }),
    sha256: () => digest ??= hash.digest("hex")
  };
}

// src/io/node-audit-adapters.ts
async function endsWithLineBreak(file) {
  let handle;
  try {
    handle = await open(file, "r");
  } catch (error) {
    if (error.code === "ENOENT") return true;
    throw error;
  }
  try {
    const { size } = await handle.stat();
    if (size === 0) return true;
    const last = Buffer.alloc(1);
    await handle.read(last, 0, 1, size - 1);
    return last[0] === 10;
  } finally {
    await handle.close();
  }
}
function createNodeAuditAdapters(root, options = {}) {
  const files = nodeRepoFiles(root);
  const workers = auditWorkerPool(root);
  const adapters = {
    glob: (patterns) => files.glob(patterns),
    scan: (path2, options2) => scanTranscriptBytes(ndjsonFileSource(join2(root, path2)), { ...options2, path: path2 }),
    lines: (path2, maxLineBytes) => transcriptLines(ndjsonFileSource(join2(root, path2)), maxLineBytes),
    exists: (path2) => files.exists(path2),
    async readText(path2) {
      try {
        return await readFile(join2(root, path2), "utf8");
      } catch (error) {
        if (error.code === "ENOENT") return void 0;
        throw error;
      }
    },
    async writeText(path2, text) {
      const file = join2(root, path2);
      await mkdir2(dirname2(file), { recursive: true });
      await writeFile(file, text);
    },
    async appendText(path2, text) {
      const file = join2(root, path2);
      await mkdir2(dirname2(file), { recursive: true });
      const prefix = await endsWithLineBreak(file) ? "" : "\n";
      await appendFile(file, prefix + text);
    },
    lock: (path2) => lockFile(join2(root, path2)),
    now: options.now ?? (() => /* @__PURE__ */ new Date()),
    scanMany: (request, onProgress) => workers.scan(request, onProgress),
    readMany: (request, onProgress) => workers.read(request, onProgress)
  };
  if (options.chat) adapters.chat = options.chat;
  if (options.onProgress) adapters.onProgress = options.onProgress;
  return adapters;
}

// src/audit/human-review.ts
var import_yaml = __toESM(require_dist(), 1);
function reviewKey(transcript, sha256) {
  return `${transcript}
${sha256}`;
}
function reviewFilePath(outputDir, period2, seed) {
  const safeSeed = seed.replace(/[^A-Za-z0-9._-]+/g, "_").slice(0, 80) || "seed";
  return `${outputDir}/review/${period2}-${safeSeed}.yml`;
}
function commentLines(text) {
  return text.split("\n").map((line) => line === "" ? "#" : `# ${line}`).join("\n");
}
function renderReviewHeader(header) {
  const scales = header.dimensions.map((d) => `  ${d.name}: ${describeScale(d)}; passes at ${d.threshold}. ${d.description}`).join("\n");
  const instructions = [
    `reliability-loop audit: human review of ${header.period} (seed ${JSON.stringify(header.seed)}, rubric ${header.rubricVersion}).`,
    "",
    "For each transcript below, replace `null` under `scores` with your score, and say why under `reasons`.",
    "The scales:",
    scales,
    "",
    "Then run the audit again with the same settings:",
    `  ${header.rerun}`,
    `Filled-in scores are recorded in ${header.storeFile}; scores left null stay pending.`,
    "Keep `transcript` and `sha256` as they are: a score counts only for the content it was given for."
  ].join("\n");
  const meta = (0, import_yaml.stringify)({ period: header.period, seed: header.seed, rubric: header.rubricVersion }, { lineWidth: 0 });
  return `${commentLines(instructions)}
${meta}transcripts:
`;
}
function renderReviewEntries(entries, dimensions) {
  return entries.map((entry) => {
    const item = {
      transcript: entry.transcript,
      sha256: entry.sha256,
      scores: Object.fromEntries(dimensions.map((d) => [d.name, null])),
      reasons: Object.fromEntries(dimensions.map((d) => [d.name, ""])),
      excerpt: entry.excerpt
    };
    const yaml = (0, import_yaml.stringify)([item], { lineWidth: 0, blockQuote: "literal" });
    return yaml.split("\n").map((line) => line === "" ? line : `  ${line}`).join("\n");
  }).join("");
}
function parseReviewFile(text) {
  const doc = (0, import_yaml.parseDocument)(text, { prettyErrors: false });
  if (doc.errors.length > 0) return { error: `invalid YAML: ${(doc.errors[0]?.message ?? "").split("\n")[0]}` };
  const data = doc.toJS();
  const list = data?.transcripts;
  if (list !== void 0 && list !== null && !Array.isArray(list)) return { error: "`transcripts` must be a list" };
  const entries = /* @__PURE__ */ new Map();
  for (const item of list ?? []) {
    if (item === null || typeof item !== "object") continue;
    const { transcript, sha256, scores, reasons } = item;
    if (typeof transcript !== "string" || typeof sha256 !== "string") continue;
    entries.set(reviewKey(transcript, sha256), {
      scores: scores !== null && typeof scores === "object" ? scores : {},
      reasons: reasons !== null && typeof reasons === "object" ? reasons : {}
    });
  }
  return { file: { entries } };
}
function reviewedScores(filled, dimensions, file) {
  const scores = {};
  const problems = [];
  for (const d of dimensions) {
    const raw = filled?.scores[d.name];
    if (raw === void 0 || raw === null || typeof raw === "string" && raw.trim() === "") {
      scores[d.name] = pending(`awaiting a reviewer's score in ${file}`);
      continue;
    }
    const value = typeof raw === "number" ? raw : typeof raw === "string" && /^\s*-?\d+(\.\d+)?\s*$/.test(raw) ? Number(raw) : Number.NaN;
    if (!isOnScale(d, value)) {
      const problem = `${d.name} is ${JSON.stringify(raw)}, not ${describeScale(d)}`;
      problems.push(problem);
      scores[d.name] = pending(`the reviewer's score in ${file} is unusable: ${problem}`);
      continue;
    }
    const reason = filled?.reasons[d.name];
    scores[d.name] = scored(value, typeof reason === "string" && reason.trim() !== "" ? reason.trim() : `scored by a reviewer in ${file}`);
  }
  return { scores, problems };
}

// src/audit/rules-scorer.ts
function condition(field, matcher) {
  const tests = [];
  if (matcher.exists !== void 0) {
    const want = matcher.exists;
    tests.push((value) => (value !== void 0 && value !== null) === want);
  }
  if (matcher.equals !== void 0) {
    const want = matcher.equals;
    const wantText = typeof want === "string" && matcher.ignoreCase ? want.toLowerCase() : want;
    tests.push((value) => {
      if (typeof value === "string" && typeof wantText === "string") return (matcher.ignoreCase ? value.toLowerCase() : value) === wantText;
      return value === want;
    });
  }
  if (matcher.matches !== void 0) {
    const re = new RegExp(matcher.matches, matcher.ignoreCase ? "i" : "");
    tests.push((value) => {
      const text = fieldText(value);
      return text !== void 0 && re.test(text);
    });
  }
  if (matcher.contains !== void 0) {
    const words = matcher.ignoreCase ? matcher.contains.map((w) => w.toLowerCase()) : matcher.contains;
    tests.push((value) => {
      const raw = fieldText(value);
      if (raw === void 0) return false;
      const text = matcher.ignoreCase ? raw.toLowerCase() : raw;
      return words.some((w) => text.includes(w));
    });
  }
  return { field, test: (value) => tests.every((t) => t(value)) };
}
function compileRules(dimensions, fields) {
  const compiled = dimensions.map((dimension) => ({
    dimension,
    rules: dimension.rules.map((rule) => {
      const conditions = Object.entries(rule.when).map(([name, matcher]) => condition(resolveField(name, fields), matcher));
      const textual = Object.entries(rule.when).find(([, m]) => m.matches !== void 0 || m.contains !== void 0);
      const shown = resolveField(textual?.[0] ?? Object.keys(rule.when)[0] ?? "", fields);
      return { rule, conditions, shown };
    })
  }));
  return { dimensions, start: () => startScoring(compiled) };
}
function describeRule(rule) {
  const parts = Object.entries(rule.when).map(([field, m]) => {
    const bits = [];
    if (m.matches !== void 0) bits.push(`matches /${m.matches}/`);
    if (m.contains !== void 0) bits.push(`contains ${m.contains.map((w) => JSON.stringify(w)).join(" or ")}`);
    if (m.equals !== void 0) bits.push(`is ${JSON.stringify(m.equals)}`);
    if (m.exists !== void 0) bits.push(m.exists ? "is present" : "is absent");
    return `${field} ${bits.join(" and ")}`;
  });
  return rule.match === "none" ? `no event where ${parts.join(", ")}` : `an event where ${parts.join(", ")}`;
}
function startScoring(compiled) {
  const firstHit = compiled.map((d) => d.rules.map(() => void 0));
  const hitCount = compiled.map((d) => d.rules.map(() => 0));
  let events = 0;
  return {
    accept(event) {
      events++;
      compiled.forEach((d, di) => {
        d.rules.forEach((r, ri) => {
          if (!r.conditions.every((c) => c.test(readField(event.data, c.field)))) return;
          const counts = hitCount[di];
          counts[ri] = (counts[ri] ?? 0) + 1;
          const hits = firstHit[di];
          if (hits[ri] === void 0) hits[ri] = { line: event.line, value: readField(event.data, r.shown) };
        });
      });
    },
    finish(options = {}) {
      const out = {};
      compiled.forEach((d, di) => {
        const { dimension } = d;
        if (options.unreadable !== void 0) {
          out[dimension.name] = failed(`not scored: ${options.unreadable}`, false);
          return;
        }
        if (events === 0) {
          out[dimension.name] = failed("not scored: the transcript has no readable events", false);
          return;
        }
        let decided;
        let applied = 0;
        d.rules.forEach((r, ri) => {
          const count2 = hitCount[di]?.[ri] ?? 0;
          const applies = r.rule.match === "none" ? count2 === 0 : count2 > 0;
          if (!applies) return;
          applied++;
          if (decided === void 0 || r.rule.score < decided.rule.rule.score) {
            const hit2 = firstHit[di]?.[ri];
            decided = hit2 === void 0 ? { rule: r, count: count2 } : { rule: r, hit: hit2, count: count2 };
          }
        });
        if (decided === void 0) {
          const top = dimension.defaultScore ?? scaleBounds(dimension.scale).max;
          out[dimension.name] = scored(top, `no rule applies (${events} ${events === 1 ? "event" : "events"} read)`);
          return;
        }
        const { rule, hit, count } = decided;
        let reason = rule.rule.reason ?? describeRule(rule.rule);
        if (hit !== void 0) {
          const text = fieldText(hit.value);
          const more = count > 1 ? ` and ${count - 1} more ${count === 2 ? "event" : "events"}` : "";
          reason += ` (line ${hit.line}${more}${text === void 0 ? "" : `: ${rule.shown.name} ${snippet(text)}`})`;
        }
        if (applied > 1) reason += ` [${applied - 1} more ${applied === 2 ? "rule applies" : "rules apply"}]`;
        out[dimension.name] = scored(rule.rule.score, reason);
      });
      return out;
    }
  };
}

// src/audit/sample.ts
import { createHash as createHash3 } from "node:crypto";
function sampleKey(seed, path2) {
  return createHash3("sha256").update(seed).update("\n").update(path2).digest("hex");
}
function agentDay(candidate) {
  return `${candidate.agent ?? ""}
${candidate.day ?? ""}`;
}
function selectSample(candidates, options) {
  const keyed = candidates.map((candidate) => ({ candidate, key: sampleKey(options.seed, candidate.path) })).sort((a, b) => a.key < b.key ? -1 : a.key > b.key ? 1 : a.candidate.path < b.candidate.path ? -1 : 1);
  const perAgentDay = /* @__PURE__ */ new Map();
  const taken = /* @__PURE__ */ new Set();
  const sample = [];
  const take = (candidate, key, stratum) => {
    if (taken.has(candidate.path)) return;
    if (options.maxPerAgentDay > 0) {
      const bucket = agentDay(candidate);
      const count = perAgentDay.get(bucket) ?? 0;
      if (count >= options.maxPerAgentDay) return;
      perAgentDay.set(bucket, count + 1);
    }
    taken.add(candidate.path);
    sample.push({ path: candidate.path, stratum, key });
  };
  for (const { candidate, key } of keyed) {
    if (sample.length >= options.size) break;
    take(candidate, key, "random");
  }
  if (options.includeFlagged) {
    for (const { candidate, key } of keyed) if (candidate.flagged) take(candidate, key, "flagged");
  }
  return sample;
}

// src/audit/summary.ts
function summarise(dimensions, results) {
  return dimensions.map((dimension) => {
    let sum = 0;
    let scoredCount = 0;
    let failedCount = 0;
    let pendingCount = 0;
    let passed = 0;
    for (const result of results) {
      const s = result.scores[dimension.name];
      if (s === void 0) continue;
      if (s.state === "pending") pendingCount++;
      else if (s.state === "failed" || s.score === null) failedCount++;
      else {
        scoredCount++;
        sum += s.score;
        if (passes(dimension, s.score)) passed++;
      }
    }
    const judged = scoredCount + failedCount;
    return {
      dimension,
      mean: scoredCount === 0 ? null : sum / scoredCount,
      scored: scoredCount,
      failed: failedCount,
      pending: pendingCount,
      passed,
      passRate: judged === 0 ? null : passed / judged
    };
  });
}
function lowestScoring(dimensions, results, count = 5) {
  const byName = new Map(dimensions.map((d) => [d.name, d]));
  const byTranscript = /* @__PURE__ */ new Map();
  for (const result of results) byTranscript.set(result.transcript, { ...byTranscript.get(result.transcript) ?? {}, ...result.scores });
  const ranked = [];
  for (const [transcript, scores] of byTranscript) {
    let total = 0;
    let judged = 0;
    for (const [name, s] of Object.entries(scores)) {
      const dimension = byName.get(name);
      if (!dimension || s.state === "pending") continue;
      judged++;
      total += s.score === null ? 0 : normalised(dimension, s.score);
    }
    if (judged > 0) ranked.push({ transcript, standing: total / judged, scores });
  }
  ranked.sort((a, b) => a.standing - b.standing || (a.transcript < b.transcript ? -1 : 1));
  return ranked.slice(0, count);
}
function failBelowBreaches(summaries, failBelow) {
  if (failBelow === void 0) return [];
  return summaries.filter((s) => s.passRate !== null && s.passRate < failBelow);
}

// src/modes/audit-review-file.ts
async function openReviewFile(adapters, path2, warnings) {
  const text = await adapters.readText(path2);
  if (text === void 0) return { path: path2 };
  const parsed = parseReviewFile(text);
  if ("file" in parsed) return { path: path2, text, parsed: parsed.file };
  warnings.push(`${path2}: ${parsed.error}; its scores cannot be read and nothing was added to it: fix it and run again`);
  return { path: path2, text, broken: parsed.error };
}
async function extendReviewFile(adapters, review, additions, header, warnings) {
  if (review.broken !== void 0 || additions.length === 0) return 0;
  const entries = renderReviewEntries(additions, header.dimensions);
  if (review.text === void 0) {
    await adapters.writeText(review.path, renderReviewHeader(header) + entries);
    return additions.length;
  }
  const joined = `${review.text}${review.text.endsWith("\n") ? "" : "\n"}${entries}`;
  const check = parseReviewFile(joined);
  if ("file" in check && additions.every((e) => check.file.entries.has(reviewKey(e.transcript, e.sha256)))) {
    await adapters.appendText(review.path, entries);
    return additions.length;
  }
  warnings.push(`${review.path}: ${plural(additions.length, "transcript")} could not be added, because \`transcripts:\` is no longer the file's last list: move it to the end and run again`);
  return 0;
}

// src/audit/read-transcript.ts
var MAX_MALFORMED_PER_TRANSCRIPT = 100;
async function readTranscript(lines, onEvent) {
  const read = { sha256: "", events: 0, malformed: [], moreMalformed: 0 };
  const malformed = (line, problem) => {
    if (read.malformed.length < MAX_MALFORMED_PER_TRANSCRIPT) read.malformed.push({ line, problem });
    else read.moreMalformed++;
  };
  for await (const batch of lines.batches) {
    for (const record of batch) {
      if (record.fatal) {
        read.unreadable = record.problem ?? "reading stopped";
        malformed(record.line, read.unreadable);
        continue;
      }
      if (record.problem !== void 0) malformed(record.line, record.problem);
      if (!("value" in record)) continue;
      if (!isEventObject(record.value)) {
        malformed(record.line, "not a JSON object (each line must be one event object)");
        continue;
      }
      read.events++;
      onEvent({ line: record.line, data: record.value });
    }
  }
  read.sha256 = lines.sha256();
  return read;
}

// src/audit/render.ts
function cut(text, max) {
  return text.length <= max ? text : `${text.slice(0, max)}… [${text.length - max} more characters]`;
}
var SHOWN = ["ts", "type", "role", "tool", "content", "arguments", "notes"];
function extraLines(options) {
  const args = resolveField("arguments", options.fields);
  const notes = resolveField("notes", options.fields);
  const named = [args, ...options.includeNotes ? [notes] : []];
  const all = options.otherFields.includes("*");
  const others = options.otherFields.filter((f) => f !== "*").map(fieldPath);
  const configured = new Set([...SHOWN, "agent"].map((n) => resolveField(n, options.fields).name));
  return (data) => {
    const lines = [];
    const seen = /* @__PURE__ */ new Set();
    const add = (name, value) => {
      const text = fieldText(value);
      if (text === void 0 || text === "" || seen.has(name)) return;
      seen.add(name);
      lines.push([name, text]);
    };
    for (const path2 of named) add(path2 === args ? "arguments" : "notes", readField(data, path2));
    for (const path2 of others) if (!configured.has(path2.name)) add(path2.name, readField(data, path2));
    if (all) {
      for (const [key, value] of Object.entries(data)) {
        if (configured.has(key) || typeof value !== "string" && typeof value !== "number" && typeof value !== "boolean") continue;
        add(key, value);
      }
    }
    return lines;
  };
}
function createRenderer(options) {
  const paths = ["ts", "type", "role", "tool", "content"].map((n) => resolveField(n, options.fields));
  const [ts, type, role, tool, content] = paths;
  const extras = extraLines(options);
  const half = Math.floor(options.budgetChars / 2);
  const perEvent = Math.max(200, Math.floor(options.budgetChars / 6));
  const perExtra = Math.max(100, Math.floor(perEvent / 3));
  const head = [];
  let headChars = 0;
  let headFull = false;
  const tail = [];
  let tailChars = 0;
  let tailStart = 0;
  let events = 0;
  let omitted = 0;
  const renderEvent = (event) => {
    const d = event.data;
    const kind = [fieldText(readField(d, type)), fieldText(readField(d, role))].filter((v) => v !== void 0);
    const who = [...new Set(kind)].join("/") || "event";
    const toolName = fieldText(readField(d, tool));
    const when = fieldText(readField(d, ts));
    const head2 = `[line ${event.line}]${when === void 0 ? "" : ` ${when}`} ${who}${toolName === void 0 ? "" : ` (${toolName})`}:`;
    const below = extras(d).map(([name, text]) => `
  ${name}: ${cut(text, perExtra)}`).join("");
    const body = fieldText(readField(d, content)) ?? "";
    const room = Math.max(perExtra, perEvent - head2.length - below.length);
    return `${head2}${body === "" ? "" : ` ${cut(body, room)}`}${below}
`;
  };
  return {
    accept(event) {
      events++;
      const line = renderEvent(event);
      if (!headFull && headChars + line.length <= half) {
        head.push(line);
        headChars += line.length;
        return;
      }
      headFull = true;
      tail.push(line);
      tailChars += line.length;
      while (tailChars > half && tailStart < tail.length - 1) {
        tailChars -= (tail[tailStart] ?? "").length;
        tail[tailStart] = "";
        tailStart++;
        omitted++;
      }
      if (tailStart > 1024) {
        tail.splice(0, tailStart);
        tailStart = 0;
      }
    },
    finish() {
      const kept = tail.slice(tailStart);
      const gap = omitted > 0 ? [`[… ${omitted} ${omitted === 1 ? "event" : "events"} left out to fit the budget …]
`] : [];
      return { text: [...head, ...gap, ...kept].join(""), events, omitted };
    }
  };
}

// src/audit/read-sampled.ts
async function readSampled(lines, options) {
  const scoring = options.rules?.start();
  const renderer = options.render ? createRenderer({ fields: options.fields, ...options.render }) : void 0;
  const read = await readTranscript(lines, (event) => {
    scoring?.accept(event);
    renderer?.accept(event);
  });
  const out = { sha256: read.sha256, malformed: read.malformed, moreMalformed: read.moreMalformed };
  if (read.unreadable !== void 0) out.unreadable = read.unreadable;
  if (scoring) out.rules = scoring.finish(read.unreadable === void 0 ? {} : { unreadable: `the transcript could not be read through (${read.unreadable})` });
  if (renderer) out.rendered = renderer.finish();
  return out;
}

// src/modes/audit-scoring.ts
var SCORE_BATCH = 8;
var LlmTurns = class {
  constructor(left) {
    this.left = left;
  }
  left;
  calls = 0;
  overCap = 0;
  take() {
    if (this.left <= 0) {
      this.overCap++;
      return false;
    }
    this.left--;
    this.calls++;
    return true;
  }
};
function fromRecord(record, dimensions, sample) {
  const scores = {};
  for (const d of dimensions) {
    const value = record.scores[d.name];
    const reason = record.reasons[d.name] ?? "";
    scores[d.name] = typeof value === "number" ? scored(value, reason) : failed(reason || "no score was recorded", true);
  }
  return { transcript: sample.path, sha256: record.sha256, scorer: record.scorer, stratum: sample.stratum, model: record.model, scores, reused: true };
}
var allFailed = (dimensions, why) => Object.fromEntries(dimensions.map((d) => [d.name, failed(why, false)]));
async function scoreSample(draw, ctx) {
  const { config, adapters } = ctx;
  const out = { results: [], malformed: [], reviewAdditions: [], reviewProblems: [], llmCalls: 0, overCap: 0 };
  const needsText = ctx.dims.llm.length > 0 || ctx.dims.human.length > 0;
  const readOptions = {
    fields: config.fields,
    ...ctx.rules !== void 0 && { rules: ctx.rules },
    ...needsText && { render: { budgetChars: config.budgetChars, includeNotes: config.llm.includeNotes, otherFields: config.llm.otherFields } }
  };
  const readOne = async (sample) => ({ sample, ...await readSampled(adapters.lines(sample.path, config.maxLineBytes), readOptions) });
  const progress = (done) => adapters.onProgress?.({ phase: "scoring", done, total: draw.length });
  const bulk = needsText ? void 0 : await adapters.readMany?.({ paths: draw.map((d) => d.path), fields: config.fields, maxLineBytes: config.maxLineBytes, rules: ctx.dims.rules }, progress);
  const turns = new LlmTurns(config.llm.maxCalls);
  const llmLimit = pLimit(config.llm.concurrency);
  for (let i = 0; i < draw.length; i += SCORE_BATCH) {
    const slice = draw.slice(i, i + SCORE_BATCH);
    const batch = bulk !== void 0 ? slice.map((sample, j) => ({ sample, ...bulk[i + j] })) : await Promise.all(slice.map(readOne));
    const llmJobs = [];
    for (const outcome of batch) {
      noteMalformed(outcome, out, ctx.warnings);
      if (outcome.rules) out.results.push({ transcript: outcome.sample.path, sha256: outcome.sha256, stratum: outcome.sample.stratum, reused: false, scorer: "rules", model: null, scores: outcome.rules });
      const job = scoreWithLlm(outcome, ctx, turns, out);
      if (job !== void 0) llmJobs.push(llmLimit(job));
      scoreWithReview(outcome, ctx, out);
    }
    await Promise.all(llmJobs);
    if (bulk === void 0) progress(Math.min(i + SCORE_BATCH, draw.length));
  }
  out.llmCalls = turns.calls;
  out.overCap = turns.overCap;
  return out;
}
function noteMalformed(outcome, out, warnings) {
  out.malformed.push(...outcome.malformed.map((m) => ({ path: outcome.sample.path, ...m })));
  if (outcome.moreMalformed > 0) warnings.push(`${outcome.sample.path}: ${plural(outcome.moreMalformed, "more malformed line")} not listed`);
}
function keyOf(ctx, sha256, scorer) {
  return recordKey({ period: ctx.period, seed: ctx.config.seed, sha256, rubric_version: ctx.version, scorer });
}
function scoreWithLlm(outcome, ctx, turns, out) {
  const { llm } = ctx;
  if (llm === void 0) return void 0;
  const { sample, sha256 } = outcome;
  const earlier = ctx.stored.get(keyOf(ctx, sha256, "llm"));
  if (earlier) {
    out.results.push(fromRecord(earlier, ctx.dims.llm, sample));
    return void 0;
  }
  const result = { transcript: sample.path, sha256, stratum: sample.stratum, reused: false, scorer: "llm", model: ctx.config.llm.model ?? null, scores: {} };
  out.results.push(result);
  if (outcome.unreadable !== void 0) {
    result.scores = allFailed(ctx.dims.llm, `not scored: the transcript could not be read through (${outcome.unreadable})`);
    return void 0;
  }
  if (!turns.take()) {
    result.scores = allFailed(ctx.dims.llm, `not scored: this run reached its cap of ${plural(ctx.config.llm.maxCalls, "model call")} (audit.llm.max-calls); the next run scores it`);
    return void 0;
  }
  const rendered = outcome.rendered ?? { text: "", events: 0, omitted: 0 };
  return async () => {
    result.scores = await llm.score({ ...rendered, path: sample.path });
  };
}
function scoreWithReview(outcome, ctx, out) {
  const dims = ctx.dims.human;
  if (dims.length === 0) return;
  const { sample, sha256 } = outcome;
  const earlier = ctx.stored.get(keyOf(ctx, sha256, "human"));
  if (earlier) {
    out.results.push(fromRecord(earlier, dims, sample));
    return;
  }
  const reviewFile = ctx.review?.path ?? "";
  const filled = ctx.review?.parsed?.entries.get(reviewKey(sample.path, sha256));
  const { scores, problems } = reviewedScores(filled, dims, reviewFile);
  out.reviewProblems.push(...problems.map((p) => `${sample.path}: ${p}`));
  const broken = ctx.review?.broken;
  if (broken !== void 0) for (const d of dims) scores[d.name] = { ...scores[d.name], reason: `the review file ${reviewFile} cannot be read: ${broken}` };
  out.results.push({ transcript: sample.path, sha256, stratum: sample.stratum, reused: false, scorer: "human", model: null, scores });
  if (filled === void 0 && outcome.unreadable === void 0) out.reviewAdditions.push({ transcript: sample.path, sha256, excerpt: outcome.rendered?.text ?? "" });
}

// src/modes/audit.ts
var SCAN_CONCURRENCY = 8;
var SCORER_ORDER = ["rules", "llm", "human"];
function scorersInUse(config, scorer) {
  return new Set(withScorer(config.rubric.dimensions, scorer).map((d) => d.scorer));
}
function scorerDimensions(config, request, configFile) {
  const dimensions = withScorer(config.rubric.dimensions, request.scorer);
  const bare = dimensions.filter((d) => d.scorer === "rules" && d.rules.length === 0);
  if (bare.length > 0) {
    throw new ConfigError(
      bare.map((d) => ({
        file: request.scorer !== void 0 ? "--scorer" : configFile ?? "the configuration",
        key: `audit.rubric.dimensions.${d.name}.rules`,
        message: `${d.name} has no rules, so the rules scorer cannot score it: give it rules, or use --scorer llm or human`
      }))
    );
  }
  if (dimensions.some((d) => d.scorer === "llm") && config.llm.model === void 0) {
    throw new ConfigError({
      file: configFile ?? "--model",
      key: "audit.llm.model",
      message: "the llm scorer needs a model: set audit.llm.model in the configuration or pass --model (there is no default, so a cost is never chosen for you)"
    });
  }
  const of = (scorer) => dimensions.filter((d) => d.scorer === scorer);
  return { dimensions, dims: { rules: of("rules"), llm: of("llm"), human: of("human") } };
}
async function scanPeriod(config, period2, adapters, warnings) {
  const files = await adapters.glob(config.paths);
  const flagged = config.strata.flagged ? new RegExp(config.strata.flaggedPattern, "i") : void 0;
  const options = { fields: config.fields, maxLineBytes: config.maxLineBytes, period: period2, ...flagged !== void 0 && { flagged } };
  const progress = (done) => adapters.onProgress?.({ phase: "scanning", done, total: files.length });
  let results = await adapters.scanMany?.({ paths: files, ...options }, progress);
  if (results === void 0) {
    const limit = pLimit(SCAN_CONCURRENCY);
    let count = 0;
    results = await Promise.all(
      files.map(
        (path2) => limit(async () => {
          const result = await adapters.scan(path2, options);
          progress(++count);
          return result;
        })
      )
    );
  }
  const scans = files.map((path2, i) => ({ path: path2, result: results[i] }));
  const undated = scans.filter((s) => s.result.date === void 0).map((s) => s.path);
  const candidates = scans.flatMap(
    ({ path: path2, result }) => result.date?.period === period2 ? [{ path: path2, period: period2, flagged: result.flagged, ...result.date.day !== void 0 && { day: result.date.day }, ...result.agent !== void 0 && { agent: result.agent } }] : []
  );
  if (undated.length > 0) {
    const shown = undated.slice(0, 5).join(", ");
    warnings.push(
      `${plural(undated.length, "transcript")} ${undated.length === 1 ? "belongs" : "belong"} to no period (no timestamp in the first event, no date in the path): ${shown}${undated.length > 5 ? `, and ${undated.length - 5} more` : ""}`
    );
  }
  return { files, candidates, undated };
}
async function readStore(adapters, storeFile, maxLineBytes) {
  const records = /* @__PURE__ */ new Map();
  let bad = 0;
  if (!adapters.exists(storeFile)) return { records, bad };
  for await (const batch of adapters.lines(storeFile, maxLineBytes).batches) {
    for (const line of batch) {
      const record = "value" in line ? recordOf(line.value) : void 0;
      if (record === void 0) bad++;
      else records.set(recordKey(record), record);
    }
  }
  return { records, bad };
}
async function appendNewRecords(adapters, storeFile, records, maxLineBytes) {
  if (records.length === 0) return [];
  const release = await adapters.lock(storeFile);
  try {
    const { records: current } = await readStore(adapters, storeFile, maxLineBytes);
    const toAppend = newRecords(records, new Set(current.keys()));
    if (toAppend.length > 0) await adapters.appendText(storeFile, formatRecords(toAppend));
    return toAppend;
  } finally {
    await release();
  }
}
async function recordResults(results, ctx, adapters) {
  const scoredAt = ctx.now.toISOString();
  const fresh = results.filter((r) => !r.reused);
  const final = fresh.filter((r) => Object.values(r.scores).every((s) => s.final));
  const records = final.map((r) => ({
    period: ctx.period,
    seed: ctx.seed,
    transcript: r.transcript,
    sha256: r.sha256,
    rubric_version: ctx.version,
    scorer: r.scorer,
    model: r.model,
    stratum: r.stratum,
    scores: Object.fromEntries(Object.entries(r.scores).map(([k, s]) => [k, s.score])),
    reasons: Object.fromEntries(Object.entries(r.scores).map(([k, s]) => [k, s.reason])),
    scored_at: scoredAt
  }));
  const added = ctx.dryRun ? newRecords(records, new Set(ctx.stored.keys())) : await appendNewRecords(adapters, ctx.storeFile, records, ctx.maxLineBytes);
  return {
    file: ctx.storeFile,
    added: added.length,
    alreadyStored: results.length - fresh.length + records.length - added.length,
    notRecorded: fresh.length - final.length,
    dryRun: ctx.dryRun
  };
}
function rerunCommand(config, request) {
  const flags = [`--period ${request.period}`, `--seed ${JSON.stringify(config.seed)}`, `--sample ${config.sampleSize}`];
  if (config.strata.flagged) flags.push("--include-flagged");
  if (request.scorer !== void 0) flags.push(`--scorer ${request.scorer}`);
  return `reliability-loop audit ${flags.join(" ")}`;
}
function unscoredOf(results) {
  const seen = /* @__PURE__ */ new Set();
  const out = [];
  for (const r of results) {
    if (seen.has(r.transcript)) continue;
    const failedScore = Object.values(r.scores).find((s) => s.state === "failed");
    if (failedScore === void 0) continue;
    seen.add(r.transcript);
    out.push({ transcript: r.transcript, scorer: r.scorer, reason: failedScore.reason });
  }
  return out;
}
function byTranscriptThenScorer(a, b) {
  return a.transcript < b.transcript ? -1 : a.transcript > b.transcript ? 1 : SCORER_ORDER.indexOf(a.scorer) - SCORER_ORDER.indexOf(b.scorer);
}
async function runAudit(config, request, adapters, configFile) {
  const { dimensions, dims } = scorerDimensions(config, request, configFile);
  if (dims.llm.length > 0 && adapters.chat === void 0) throw new Error("runAudit: the llm scorer is in use but no chat adapter was given");
  const { period: period2 } = request;
  const { seed } = config;
  const version = rubricVersion(config.rubric);
  const warnings = [];
  const scan = await scanPeriod(config, period2, adapters, warnings);
  const draw = selectSample(scan.candidates, { seed, size: config.sampleSize, includeFlagged: config.strata.flagged, maxPerAgentDay: config.strata.maxPerAgentDay });
  const storeFile = storeFilePath(config.outputDir, period2);
  const { records: stored, bad } = await readStore(adapters, storeFile, config.maxLineBytes);
  if (bad > 0) warnings.push(`${storeFile}: ${bad === 1 ? "1 line that is not an audit record was" : `${bad} lines that are not audit records were`} ignored`);
  const review = dims.human.length > 0 ? await openReviewFile(adapters, reviewFilePath(config.outputDir, period2, seed), warnings) : void 0;
  const llm = dims.llm.length > 0 && adapters.chat ? createLlmScorer(dims.llm, { model: config.llm.model ?? "", complete: adapters.chat }) : void 0;
  const scoring = await scoreSample(draw, {
    config,
    period: period2,
    version,
    dims,
    stored,
    adapters,
    warnings,
    ...dims.rules.length > 0 && { rules: compileRules(dims.rules, config.fields) },
    ...llm !== void 0 && { llm },
    ...review !== void 0 && { review }
  });
  const dryRun = request.dryRun === true;
  const store = await recordResults(scoring.results, { period: period2, seed, version, storeFile, stored, dryRun, maxLineBytes: config.maxLineBytes, now: adapters.now() }, adapters);
  const reviewHeader = { period: period2, seed, rubricVersion: version, dimensions: dims.human, storeFile, rerun: rerunCommand(config, request) };
  const reviewAdded = review !== void 0 && !dryRun ? await extendReviewFile(adapters, review, scoring.reviewAdditions, reviewHeader, warnings) : 0;
  const result = assembleResult(config, { period: period2, version, dimensions, scan, draw, scoring, store, warnings });
  if (review !== void 0) {
    const pending2 = scoring.results.filter((r) => r.scorer === "human" && Object.values(r.scores).some((s) => s.state === "pending")).length;
    result.review = { file: review.path, added: reviewAdded, pending: pending2, problems: scoring.reviewProblems };
  }
  if (llm !== void 0) {
    const stoppedBy = llm.stoppedBy();
    result.llm = { model: config.llm.model ?? "", calls: scoring.llmCalls, overCap: scoring.overCap, ...stoppedBy !== void 0 && { stoppedBy } };
  }
  return result;
}
function assembleResult(config, parts) {
  const { dimensions, scan } = parts;
  const ordered = [...parts.scoring.results].sort(byTranscriptThenScorer);
  const malformed = [...parts.scoring.malformed].sort((a, b) => a.path < b.path ? -1 : a.path > b.path ? 1 : a.line - b.line);
  const summaries = summarise(dimensions, ordered.filter((r) => r.stratum === "random"));
  const result = {
    period: parts.period,
    seed: config.seed,
    rubricVersion: parts.version,
    dimensions,
    counts: { found: scan.files.length, inPeriod: scan.candidates.length, flagged: scan.candidates.filter((c) => c.flagged).length, undated: scan.undated },
    sampled: ordered,
    draw: parts.draw,
    summaries,
    flaggedSummaries: summarise(dimensions, ordered.filter((r) => r.stratum === "flagged")),
    lowest: lowestScoring(dimensions, ordered),
    breaches: failBelowBreaches(summaries, config.failBelow),
    unscored: { transcripts: unscoredOf(ordered), allowed: config.maxUnscored },
    malformed,
    store: parts.store,
    warnings: parts.warnings
  };
  if (config.failBelow !== void 0) result.failBelow = config.failBelow;
  return result;
}

// src/report/audit-json.ts
var round = (n) => Math.round(n * 1e4) / 1e4;
var meansOf = (summaries) => Object.fromEntries(summaries.map((s) => [s.dimension.name, s.mean === null ? null : round(s.mean)]));
function toAuditJson(result) {
  return {
    period: result.period,
    seed: result.seed,
    rubric: {
      version: result.rubricVersion,
      dimensions: Object.fromEntries(
        result.dimensions.map((d) => [d.name, { description: d.description, scale: d.scale, threshold: d.threshold, scorer: d.scorer }])
      )
    },
    sampled: result.sampled.map((r) => ({
      transcript: r.transcript,
      sha256: r.sha256,
      scorer: r.scorer,
      stratum: r.stratum,
      scores: Object.fromEntries(Object.entries(r.scores).map(([k, s]) => [k, s.score])),
      reasons: Object.fromEntries(Object.entries(r.scores).map(([k, s]) => [k, s.reason]))
    })),
    means: meansOf(result.summaries),
    flagged_means: meansOf(result.flaggedSummaries),
    malformed: result.malformed.map((m) => ({ path: m.path, line: m.line }))
  };
}
function formatAuditJson(result) {
  return `${JSON.stringify(toAuditJson(result))}
`;
}

// src/report/audit-text.ts
function formatNumber(n) {
  return Number.isInteger(n) ? String(n) : n.toFixed(2).replace(/0+$/, "").replace(/\.$/, "");
}
function scoreCell(dimension, s) {
  if (s === void 0) return "–";
  if (s.state === "pending") return "?";
  if (s.score === null) return "!";
  return passes(dimension, s.score) ? formatNumber(s.score) : `${formatNumber(s.score)} ✗`;
}
function percent(passRate) {
  return passRate === null ? "–" : `${Math.round(passRate * 100)}%`;
}
function table(rows, paint = (_r, _c, t) => t) {
  const widths = (rows[0] ?? []).map((_, col) => Math.max(...rows.map((r) => [...r[col] ?? ""].length)));
  return rows.map(
    (r, ri) => r.map((cell, ci) => paint(ri, ci, ci === r.length - 1 ? cell : cell + " ".repeat((widths[ci] ?? 0) - [...cell].length))).join("  ").trimEnd()
  ).join("\n");
}
function summaryTable(summaries) {
  const rows = [["dimension", "scale", "threshold", "mean", "pass rate", "failed", "pending"]];
  for (const s of summaries) {
    rows.push([
      s.dimension.name,
      s.dimension.scale,
      formatNumber(s.dimension.threshold),
      s.mean === null ? "–" : s.mean.toFixed(2),
      s.passRate === null ? "–" : `${s.passed}/${s.scored + s.failed} (${percent(s.passRate)})`,
      String(s.failed),
      String(s.pending)
    ]);
  }
  return rows;
}
function scoreTable(result, c, strata) {
  const dims = result.dimensions;
  const rows = [["transcript", ...strata ? ["stratum"] : [], "scorer", ...dims.map((d) => d.name)]];
  for (const r of result.sampled) {
    rows.push([r.transcript, ...strata ? [r.stratum] : [], r.scorer + (r.reused ? "*" : ""), ...dims.map((d) => d.name in r.scores ? scoreCell(d, r.scores[d.name]) : "")]);
  }
  const labels = strata ? 3 : 2;
  const out = [
    table(rows, (ri, ci, text) => {
      if (ri === 0) return c.bold(text);
      if (ci < labels) return text;
      if (text.includes("✗") || text.trim() === "!") return c.red(text);
      if (text.trim() === "?") return c.yellow(text);
      return text;
    })
  ];
  if (result.sampled.some((r) => r.reused)) out.push(c.dim("* recorded by an earlier run with the same seed and rubric; not scored again"));
  return out;
}
function summarySection(result, c, flagged) {
  const strata = flagged > 0;
  const out = [];
  const summaryRows = summaryTable(result.summaries);
  const breached = new Set(result.breaches.map((b) => b.dimension.name));
  if (strata) out.push("", c.bold(`Random stratum (${plural(result.draw.length - flagged, "transcript")}): the means, pass rates and fail-below`));
  out.push(
    "",
    table(summaryRows, (ri, ci, text) => ri === 0 ? c.bold(text) : ci === 4 && breached.has(summaryRows[ri]?.[0] ?? "") ? c.red(text) : text)
  );
  if (strata) {
    out.push("", c.bold(`Flagged stratum (${plural(flagged, "transcript")} added for their notes; not in the numbers above)`), "");
    out.push(table(summaryTable(result.flaggedSummaries), (ri, _ci, text) => ri === 0 ? c.bold(text) : text));
  }
  return out;
}
function oneLine(text, max = 160) {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}
function formatAuditText(result, options) {
  const c = ansi(options.color);
  const out = [];
  out.push(c.bold(`Audit of ${result.period}`) + c.dim(` · seed ${JSON.stringify(result.seed)} · rubric ${result.rubricVersion}`));
  const flagged = result.draw.filter((d) => d.stratum === "flagged").length;
  out.push(
    `${plural(result.counts.inPeriod, "transcript")} in ${result.period} (of ${result.counts.found} found); ` + (flagged > 0 ? `${result.draw.length - flagged} sampled at random, and ${plural(flagged, "flagged transcript")} added on top.` : `${result.draw.length} sampled.`)
  );
  if (result.draw.length === 0) {
    out.push("", "Nothing to score.");
    return `${out.join("\n")}
`;
  }
  out.push("", ...scoreTable(result, c, flagged > 0));
  out.push(...summarySection(result, c, flagged));
  const weak = result.lowest.filter((t) => t.standing < 1);
  if (weak.length > 0) {
    out.push("", c.bold("Lowest scoring:"));
    const byName = new Map(result.dimensions.map((d) => [d.name, d]));
    for (const t of weak) {
      const worst = Object.entries(t.scores).filter(([name, s]) => s.state !== "pending" && !passes(byName.get(name), s.score)).map(([name, s]) => `${name} ${s.score === null ? "failed" : formatNumber(s.score)}: ${oneLine(s.reason)}`);
      out.push(`  ${t.transcript}${c.dim(` (${Math.round(t.standing * 100)}% of the scale)`)}`);
      for (const w of worst) out.push(`    ${w}`);
    }
  }
  if (result.malformed.length > 0) {
    out.push("", c.bold(`Malformed lines (${result.malformed.length}):`));
    for (const m of result.malformed.slice(0, 50)) out.push(`  ${m.path}:${m.line}: ${oneLine(m.problem)}`);
    if (result.malformed.length > 50) out.push(`  …and ${result.malformed.length - 50} more (--format json lists all)`);
  }
  out.push("");
  const { store } = result;
  if (store.dryRun) out.push(c.dim(`--dry-run: nothing written; ${store.file} would get ${plural(store.added, "new record")}.`));
  else out.push(`${store.added > 0 ? `Recorded ${plural(store.added, "new record")}` : "No new records"} in ${store.file}${store.alreadyStored > 0 ? ` (${store.alreadyStored} already there)` : ""}.`);
  if (store.notRecorded > 0) out.push(c.yellow(`${plural(store.notRecorded, "result")} not recorded (failed requests, the model call cap, or awaiting review): the next run with the same seed tries again.`));
  if (result.review) {
    const r = result.review;
    if (r.added > 0) out.push(`Added ${plural(r.added, "transcript")} to the review file ${r.file}: fill in the scores and run again.`);
    if (r.pending > 0 && r.added === 0) out.push(`${plural(r.pending, "transcript")} await a reviewer in ${r.file}.`);
  }
  if (result.failBelow !== void 0) {
    if (result.breaches.length > 0) {
      out.push(c.red(`✖ fail-below ${result.failBelow}: ${result.breaches.map((b) => `${b.dimension.name} passes ${percent(b.passRate)}`).join(", ")}`));
    } else out.push(c.green(`✔ every dimension passes at least ${percent(result.failBelow)} of the sample (fail-below ${result.failBelow})`));
  }
  return `${out.join("\n")}
`;
}

// src/cli/audit-command.ts
var AUDIT_FORMATS = ["text", "json"];
var AUDIT_HELP_AFTER = `
Transcripts are the NDJSON files matching audit.paths (default logs/missions/**/*.ndjson and .ndjson.gz),
one per agent mission. A transcript belongs to the month (UTC) of its first event's timestamp, or, without
one, to a date in its path. The sample is the transcripts of the period with the smallest SHA-256 of
seed + path, so the same files and seed always give the same sample. Scores are appended to
<audit.output-dir>/<period>.ndjson (default reliability/audits/); a run with the same period, seed and
rubric never records a transcript twice.

The llm scorer calls an OpenAI-compatible /chat/completions endpoint: audit.llm.base-url, else
OPENAI_BASE_URL, else OpenAI; the key from OPENAI_API_KEY (or the variable audit.llm.api-key-env names).
The human scorer writes <output-dir>/review/<period>-<seed>.yml; fill in the scores and run again.

Examples:
  $ reliability-loop audit                                    # last month, 25 transcripts, each dimension's scorer
  $ reliability-loop audit --period 2026-10 --scorer rules --format json | jq '.means'
  $ reliability-loop audit --include-flagged --fail-below 0.9 # CI: every error/policy-flagged mission, and a bar
  $ OPENAI_API_KEY=… reliability-loop audit --scorer llm --model gpt-4o-mini --sample 10
  $ reliability-loop audit --scorer human                     # then fill in the review file, run again

Exit codes:
  0  audited (and every dimension at or above --fail-below, when set)
  1  a dimension's pass rate is below --fail-below, or more sampled transcripts than audit.max-unscored
     (default 0) got no score (the model endpoint failed or was unreachable, the model-call cap)
  2  usage or configuration error (bad option, invalid config, no model or key for the llm scorer, a key
     the model endpoint refused with 401/403)
  3  unexpected internal error (run with DEBUG=reliability-loop for details)
`;
function positiveInteger(value) {
  if (!/^\d+$/.test(value.trim()) || Number(value) < 1) throw new InvalidArgumentError("must be a whole number, 1 or more.");
  return Number(value);
}
function shareOf(value) {
  const n = Number(value.trim().replace(/%$/, ""));
  const share = value.trim().endsWith("%") ? n / 100 : n;
  if (value.trim() === "" || !Number.isFinite(share) || share < 0 || share > 1) throw new InvalidArgumentError("must be a share from 0 to 1, e.g. 0.9 (or 90%).");
  return share;
}
function period(value) {
  if (!isPeriod(value.trim())) throw new InvalidArgumentError("must be a month as YYYY-MM, e.g. 2026-10.");
  return value.trim();
}
function addAuditCommand(program, io, deps, done) {
  return program.command("audit").summary("sample agent transcripts and score them on a rubric").description("Sample a month of agent transcripts (NDJSON) reproducibly, score them on the rubric with rules, a model or a reviewer, and record the scores.").option("--period <YYYY-MM>", "month to audit, UTC (default: the previous month)", period).option("--sample <n>", "transcripts to sample (default: audit.sample-size, 25)", positiveInteger).option("--seed <seed>", "sampling seed (default: audit.seed)").addOption(new Option("--scorer <scorer>", "score every dimension with this scorer (default: each dimension's own)").choices(AUDIT_SCORERS)).option("--model <model>", "model of the llm scorer (default: audit.llm.model)").option("--fail-below <share>", "exit 1 when a dimension's pass rate is below this share, 0 to 1 (default: audit.fail-below)", shareOf).option("--include-flagged", "always sample the transcripts whose events carry error or policy notes").option("--dry-run", "score and report, but write no records and no review file").addOption(new Option("-f, --format <format>", "report format").choices(AUDIT_FORMATS).default("text")).option("-o, --output <file>", "write the report to a file instead of stdout").option("-c, --config <file>", "config file (default: .github/reliability.yml or .yaml under --root)").option("--root <dir>", "repository root; globs, the config and the output directory are relative to it (default: the enclosing git repository, or the nearest folder upward with .github/reliability.yml)").option("--color", "colour the text report even when stdout is not a terminal").option("--no-color", "never colour the text report").addHelpText("after", AUDIT_HELP_AFTER).action(async (options) => {
    done(await auditCommand(options, io, deps));
  });
}
function overridesOf(options) {
  const overrides = [];
  if (options.sample !== void 0) overrides.push({ source: "--sample", values: { audit: { "sample-size": options.sample } } });
  if (options.seed !== void 0) overrides.push({ source: "--seed", values: { audit: { seed: options.seed } } });
  if (options.model !== void 0) overrides.push({ source: "--model", values: { audit: { llm: { model: options.model } } } });
  if (options.failBelow !== void 0) overrides.push({ source: "--fail-below", values: { audit: { "fail-below": options.failBelow } } });
  if (options.includeFlagged) overrides.push({ source: "--include-flagged", values: { audit: { strata: { flagged: true } } } });
  return overrides;
}
function phasedProgress(write) {
  let phase;
  let line = NO_PROGRESS;
  return {
    update(p) {
      if (p.phase !== phase) {
        line.clear();
        phase = p.phase;
        line = progressLine(write, { label: p.phase });
      }
      line.update(p);
    },
    clear: () => line.clear()
  };
}
async function auditCommand(options, io, deps) {
  const root = resolveRoot(options.root, io.cwd);
  const config = loadConfig({
    root,
    ...options.config === void 0 ? {} : { configPath: path.resolve(io.cwd, options.config) },
    overrides: overridesOf(options),
    readFile: readConfigText
  });
  const audit = config.audit;
  const now = deps.now ?? (() => /* @__PURE__ */ new Date());
  const text = options.format === "text";
  let chat;
  let endpoint;
  if (scorersInUse(audit, options.scorer).has("llm")) {
    endpoint = llmEndpoint(audit, io.env);
    chat = createChatClient({
      ...endpoint,
      retries: audit.llm.retries,
      timeoutMs: audit.llm.timeoutSeconds * 1e3,
      onRetry: ({ delayMs, reason }) => io.stderr(`model endpoint: ${reason}; retrying in ${(delayMs / 1e3).toFixed(1)} s
`)
    });
  }
  const showProgress = text && (io.stderrIsTTY ?? io.isTTY) && !isCI(io.env);
  const progress = showProgress ? phasedProgress(io.stderr) : { update: () => {
  }, clear: () => {
  } };
  const adapters = createNodeAuditAdapters(root, { now, onProgress: progress.update, ...chat !== void 0 && { chat } });
  const periodWanted = options.period ?? previousPeriod(now());
  let result;
  try {
    result = await runAudit(audit, { period: periodWanted, ...options.scorer !== void 0 && { scorer: options.scorer }, dryRun: options.dryRun === true }, adapters, config.configFile);
  } finally {
    progress.clear();
  }
  for (const warning of result.warnings) io.stderr(`warning: ${warning}
`);
  if (result.counts.found === 0) io.stderr(`warning: no transcripts match ${audit.paths.join(", ")} under ${root}
`);
  else if (result.counts.inPeriod === 0) {
    io.stderr(`warning: none of the ${result.counts.found} transcripts found belongs to ${periodWanted}; choose the month with --period YYYY-MM
`);
  }
  for (const problem of result.review?.problems ?? []) io.stderr(`warning: ${result.review?.file}: ${problem}
`);
  const report = options.format === "json" ? formatAuditJson(result) : formatAuditText(result, { color: options.output === void 0 ? shouldUseColor({ flag: options.color, env: io.env, isTTY: io.isTTY }) : options.color === true });
  if (options.output === void 0) io.stdout(report);
  else writeOutputFile(io.cwd, options.output, report);
  const outcome = auditOutcome({ sampledCount: result.draw.length, unscored: result.unscored, breaches: result.breaches, ...result.failBelow !== void 0 && { failBelow: result.failBelow }, ...result.llm && { llm: result.llm } });
  if (outcome.warning !== void 0) io.stderr(`warning: ${outcome.warning}
`);
  switch (outcome.kind) {
    case "credentials-refused":
      io.stderr(`error: ${outcome.message}
hint: ${credentialsHint(audit, endpoint)}
`);
      return EXIT.USAGE;
    case "unscored":
      io.stderr(`error: ${outcome.message}
hint: fix the cause and run again (a run with the same seed scores only what is missing), or allow some with audit.max-unscored
`);
      return EXIT.PROBLEMS;
    case "below":
      if (!text || options.output !== void 0) io.stderr(`error: ${outcome.message}
`);
      return EXIT.PROBLEMS;
    default:
      return EXIT.OK;
  }
}
function credentialsHint(audit, endpoint) {
  const variable = `the ${audit.llm.apiKeyEnv} environment variable (audit.llm.api-key-env)`;
  const where = endpoint === void 0 ? "" : ` at ${endpoint.baseUrl}`;
  if (endpoint?.apiKey === void 0) return `the endpoint${where} needs a key: set ${variable}`;
  return `check the key in ${variable}, and that it may use the model "${audit.llm.model ?? ""}"${where}`;
}
export {
  AUDIT_FORMATS,
  addAuditCommand,
  auditCommand
};
